package org.neuromod.agent.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.neuromod.core.agent.AgentCatalog;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Agents", description = "The agent types on offer.")
class AgentController {

    @GetMapping(path = "/agents", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List agent types", description = "Every agent type with its parameters, defaults and ranges.")
    @ApiResponse(responseCode = "200", description = "Every agent type.")
    List<AgentBody> agents() {
        return AgentCatalog.all().stream().map(AgentBody::of).toList();
    }
}
