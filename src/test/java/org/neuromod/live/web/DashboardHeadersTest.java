package org.neuromod.live.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class DashboardHeadersTest {

    private final DashboardHeaders filter = new DashboardHeaders();

    private MockHttpServletResponse get(String path) throws Exception {
        var request = new MockHttpServletRequest("GET", path);
        var response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    @Test
    void theDashboardsPagesAndAssetsGetAStrictPolicy() throws Exception {
        for (String path : new String[] {"/", "/index.html", "/dashboard/dashboard.js", "/dashboard/dashboard.css"}) {
            String policy = get(path).getHeader("Content-Security-Policy");
            assertThat(policy).as(path).isEqualTo(DashboardHeaders.POLICY);
            assertThat(get(path).getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        assertThat(DashboardHeaders.POLICY)
                .contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
    }

    @Test
    void theApiAndSwaggerUiKeepTheirOwnHeaders() throws Exception {
        for (String path : new String[] {"/sessions", "/swagger-ui/index.html", "/v3/api-docs", "/sessions/x/events"}) {
            assertThat(get(path).getHeader("Content-Security-Policy")).as(path).isNull();
        }
    }
}
