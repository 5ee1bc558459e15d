package sockets.blocking.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The GitHub Classroom workflow of every gradable target, read as YAML: what the grading reporter's README
 * and source require (the workflow named "Autograding Tests", one job named run-autograding-tests, the
 * reporter given {@code runners} and, for each, {@code <RUNNER>_RESULTS} holding that step's output
 * {@code result}); the jar fetched and checked by its SHA-256; and the grade command the one the guide shows.
 */
class ClassroomWorkflowsTest {
    private static final Path ASSIGNMENTS = Path.of("../docs/assignments").toAbsolutePath().normalize();

    /** Each gradable target: its folder, the chapter's jar, and the command line after {@code java -jar kit.jar}. */
    private static final Map<String, String[]> TARGETS = Map.ofEntries(
            Map.entry("echo-server", new String[]{"01-echo", "01-blocking", "grade echo-server"}),
            Map.entry("echo-client", new String[]{"01-echo", "01-blocking", "grade echo-client"}),
            Map.entry("frame-server", new String[]{"02-framing", "02-framing", "grade frame-server --framing length"}),
            Map.entry("frame-client", new String[]{"02-framing", "02-framing", "grade frame-client --framing length"}),
            Map.entry("time-server", new String[]{"03-time", "03-binary-data", "grade time-server"}),
            Map.entry("time-client", new String[]{"03-time", "03-binary-data", "grade time-client"}),
            Map.entry("digest-server", new String[]{"04-digest", "04-shutdown", "grade digest-server --max-request 100000"}),
            Map.entry("select-echo-server", new String[]{"05-select", "05-nonblocking-select", "grade select-echo-server"}),
            Map.entry("udp-echo-server", new String[]{"06-udp", "06-udp", "grade udp-echo-server"}),
            Map.entry("sntp-server", new String[]{"06-udp", "06-udp", "grade sntp-server"}),
            Map.entry("sntp-client", new String[]{"06-udp", "06-udp", "grade sntp-client"}),
            Map.entry("uds-echo-server", new String[]{"07-uds", "07-ipc", "grade uds-echo-server"}));

    @Test
    void everyTargetHasAWorkflowTheReporterAccepts() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, String[]> target : TARGETS.entrySet()) {
            String[] where = target.getValue();
            Path file = ASSIGNMENTS.resolve(where[0]).resolve("classroom").resolve(target.getKey() + ".yml");
            JsonNode workflow = yaml.readTree(file.toFile());
            found.add(target.getKey());
            assertEquals("Autograding Tests", workflow.get("name").asText(), file.toString());
            assertEquals(1, workflow.get("jobs").size(), file + ": one job");
            JsonNode job = workflow.get("jobs").get("run-autograding-tests");
            assertTrue(job != null, file + ": the job is run-autograding-tests");
            assertEquals("write", workflow.get("permissions").get("checks").asText(), file.toString());
            assertTrue(workflow.get("env").get("KIT_JAR_URL").asText().endsWith("/" + where[1] + ".jar"), file.toString());

            JsonNode fetch = step(job, "Fetch the grader and check its hash");
            assertTrue(fetch.get("run").asText().contains("sha256sum --check --strict"), file.toString());

            JsonNode grade = step(job, "Grade");
            assertEquals("grade", grade.get("id").asText());
            assertTrue(grade.get("continue-on-error").asBoolean(), file + ": the reporter still runs after a fail");
            String run = grade.get("run").asText();
            assertTrue(run.contains("java -jar \"$RUNNER_TEMP/kit.jar\" " + where[2] + " --classroom-output"
                    + " \"$GITHUB_OUTPUT\" -- ./run.sh "), file + ": " + run);

            JsonNode reporter = step(job, "Autograding Reporter");
            assertTrue(reporter.get("uses").asText().startsWith("classroom-resources/autograding-grading-reporter@"));
            assertEquals("grade", reporter.get("with").get("runners").asText());
            assertEquals("${{ steps.grade.outputs.result }}", reporter.get("env").get("GRADE_RESULTS").asText());
        }
        assertEquals(12, found.size());
        String guide = Files.readString(ASSIGNMENTS.resolve("README.md"));
        assertTrue(guide.contains("java -jar \"$RUNNER_TEMP/kit.jar\" grade echo-server --classroom-output"
                + " \"$GITHUB_OUTPUT\" -- ./run.sh --port {port}"), "the guide shows the workflow's own command");
    }

    private static JsonNode step(JsonNode job, String name) {
        for (JsonNode step : job.get("steps")) {
            if (step.has("name") && step.get("name").asText().equals(name)) {
                return step;
            }
        }
        throw new AssertionError("no step named '" + name + "'");
    }
}
