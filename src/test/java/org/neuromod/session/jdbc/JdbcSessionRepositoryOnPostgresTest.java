package org.neuromod.session.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neuromod.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The SQL of sessions and trials on PostgreSQL, with one statement per write of a single trial. */
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class JdbcSessionRepositoryOnPostgresTest extends JdbcSessionRepositoryTest {

    @Autowired
    JdbcTemplate jdbcTemplate;

    @BeforeAll
    static void postgres() {
        TestDatabases.requirePostgres();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.freshPostgresSchema().forEach((key, value) -> registry.add(key, () -> value));
    }

    /**
     * The driver prepares a statement on the server once it was used a few times, and PostgreSQL
     * may then keep one plan for all parameters, made while the table was small: a plan that
     * finds the trial by part of its key alone scans every session's trials on each feedback.
     */
    @Test
    void everyPlanOfTheOneStatementWritesUsesWholeKeys() {
        List<String> closing = genericPlan(JdbcSessionRepository.POSTGRES_STORE_CLOSED);
        List<String> adding = genericPlan(JdbcSessionRepository.POSTGRES_STORE_ADDED);

        assertThat(closing)
                .anySatisfy(line -> assertThat(line)
                        .contains("Index Cond: ((session_id = $")
                        .contains("AND (trial = $"))
                .anySatisfy(line -> assertThat(line).contains("Index Cond: (id = $"));
        assertThat(adding).anySatisfy(line -> assertThat(line).contains("Index Cond: (id = $"));
        assertThat(closing).noneMatch(line -> line.contains("Seq Scan"));
        assertThat(adding).noneMatch(line -> line.contains("Seq Scan"));
    }

    private List<String> genericPlan(String sql) {
        Matcher placeholders = Pattern.compile("\\?").matcher(sql);
        var numbered = new StringBuilder();
        int count = 0;
        while (placeholders.find()) {
            placeholders.appendReplacement(numbered, "\\$" + ++count);
        }
        placeholders.appendTail(numbered);
        String nulls = String.join(", ", Collections.nCopies(count, "NULL"));
        return jdbcTemplate.execute((ConnectionCallback<List<String>>) connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET plan_cache_mode = force_generic_plan");
                statement.execute("PREPARE write_plan AS " + numbered);
                var lines = new ArrayList<String>();
                try (ResultSet plan = statement.executeQuery("EXPLAIN EXECUTE write_plan(" + nulls + ")")) {
                    while (plan.next()) {
                        lines.add(plan.getString(1));
                    }
                }
                statement.execute("DEALLOCATE write_plan");
                statement.execute("RESET plan_cache_mode");
                return lines;
            }
        });
    }
}
