package org.neuromod.web;

import static org.hamcrest.Matchers.equalToIgnoringCase;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/** CORS for browser tasks: off by default, and exactly the configured origins when on. */
class CrossOriginConfigurationTest {

    private static final String TASK_ORIGIN = "http://localhost:8000";

    @TempDir
    static Path dataDirectory;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("neuromod.data-dir", () -> dataDirectory.toString());
    }

    @Nested
    @SpringBootTest
    @AutoConfigureMockMvc
    class ByDefault {

        @Autowired
        MockMvc mvc;

        @Test
        void anAnswerToAnotherOriginCarriesNoCorsHeaders() throws Exception {
            mvc.perform(get("/agents").header(HttpHeaders.ORIGIN, TASK_ORIGIN))
                    .andExpect(status().isOk())
                    .andExpect(header().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN));
        }

        @Test
        void aPreflightIsNotGranted() throws Exception {
            mvc.perform(preflight(TASK_ORIGIN))
                    .andExpect(header().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN))
                    .andExpect(header().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS));
        }
    }

    @Nested
    @SpringBootTest(properties = "neuromod.cors.allowed-origins=" + TASK_ORIGIN + ",https://tasks.example.org")
    @AutoConfigureMockMvc
    class WithAllowedOrigins {

        @Autowired
        MockMvc mvc;

        @Test
        void anAllowedOriginReadsAnswers() throws Exception {
            mvc.perform(get("/agents").header(HttpHeaders.ORIGIN, TASK_ORIGIN))
                    .andExpect(status().isOk())
                    .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, TASK_ORIGIN))
                    .andExpect(header().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS));
        }

        @Test
        void aPreflightForAJsonPostIsGranted() throws Exception {
            mvc.perform(preflight("https://tasks.example.org"))
                    .andExpect(status().isOk())
                    .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://tasks.example.org"))
                    .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET,POST,DELETE"))
                    .andExpect(header().string(
                                    HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, equalToIgnoringCase("Content-Type")))
                    .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "1800"));
        }

        @Test
        void anotherOriginIsRefused() throws Exception {
            mvc.perform(preflight("http://evil.example.com"))
                    .andExpect(status().isForbidden())
                    .andExpect(header().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN));
            mvc.perform(get("/agents").header(HttpHeaders.ORIGIN, "http://evil.example.com"))
                    .andExpect(status().isForbidden())
                    .andExpect(header().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN));
        }
    }

    private static RequestBuilder preflight(String origin) {
        return options("/sessions")
                .header(HttpHeaders.ORIGIN, origin)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type");
    }
}
