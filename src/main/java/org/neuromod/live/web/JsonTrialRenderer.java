package org.neuromod.live.web;

import org.neuromod.live.TrialRenderer;
import org.neuromod.session.Trial;
import org.neuromod.session.web.TrialBody;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** An event's data is the trial record of {@code GET /sessions/{id}/trials}, written by the same mapper. */
@Component
class JsonTrialRenderer implements TrialRenderer {

    private final JsonMapper json;

    JsonTrialRenderer(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String render(Trial trial) {
        return json.writeValueAsString(TrialBody.of(trial));
    }
}
