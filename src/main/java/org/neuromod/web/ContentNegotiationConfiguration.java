package org.neuromod.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A client that accepts {@code application/problem+json} accepts JSON: every answer of the service
 * is JSON, and a generated client asks for the first JSON media type its document lists for an
 * operation, which may be the problem type of an error response. Such a request gets its success
 * body as {@code application/json} instead of a 406 (RFC 9110 section 12.5.1 lets a server answer
 * in a type the Accept header does not name rather than refuse). Other Accept headers are
 * negotiated as they are.
 */
@Configuration(proxyBeanMethods = false)
class ContentNegotiationConfiguration implements WebMvcConfigurer {

    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        configurer.strategies(List.of(new ProblemJsonAcceptsJson(new HeaderContentNegotiationStrategy())));
    }

    /** The Accept header, with {@code application/json} beside an {@code application/problem+json} alone. */
    record ProblemJsonAcceptsJson(ContentNegotiationStrategy header) implements ContentNegotiationStrategy {

        @Override
        public List<MediaType> resolveMediaTypes(NativeWebRequest request) throws HttpMediaTypeNotAcceptableException {
            List<MediaType> accepted = header.resolveMediaTypes(request);
            if (accepted.stream().anyMatch(type -> type.includes(MediaType.APPLICATION_JSON))) {
                return accepted;
            }
            var widened = new ArrayList<MediaType>(accepted.size() + 1);
            for (MediaType type : accepted) {
                widened.add(type);
                if (type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                        && !type.isWildcardType()
                        && !type.isWildcardSubtype()) {
                    widened.add(new MediaType(MediaType.APPLICATION_JSON, type.getParameters()));
                }
            }
            return widened;
        }
    }
}
