package sockets.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code bench/echo-processes}' program once, as small as it goes (one design, one round, 200 ms a
 * load), so it cannot rot: every process starts, the loads' reports are read, the JSON is written. It
 * measures nothing; no figure is checked.
 */
class ProcessEchoBenchSmokeTest {

    @Test
    @Timeout(120) // a bound for a hang: five JVMs start one after another
    void oneDesignOneRoundWritesTheTableAndTheThreads(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("echo-processes.json");
        ProcessEchoBench.main(new String[] {"--designs", "select1", "--rounds", "1", "--duration-ms", "200",
                "--out", out.toString()});
        JsonNode json = new ObjectMapper().readTree(Files.readString(out));
        assertEquals(ProcessEchoBench.LOADS.size(), json.get("summary").size(), json.toPrettyString());
        for (JsonNode row : json.get("summary")) { // a figure, whatever it is: 200 ms may carry none at 1,000 connections
            assertTrue(row.get("messagesPerSecondMedian").isNumber(), row.toString());
        }
        boolean roundTrips = json.get("summary").get(0).get("messagesPerSecondMedian").asLong() > 0;
        if (roundTrips && Files.isDirectory(Path.of("/proc/self/task"))) { // Linux: the server's threads were counted
            assertFalse(json.get("pingPongThreads").isEmpty(), json.toPrettyString());
        }
    }

    @Test
    void aDesignThatDidNotStartHasNoRowAndTheOthersKeepTheirs() {
        List<ProcessEchoBench.Design> two = ProcessEchoBench.named("select1,netty-epoll1");
        ProcessEchoBench.Design started = two.get(0);
        ProcessEchoBench.Design notStarted = two.get(1); // Netty's epoll, as off Linux x86-64
        List<ProcessEchoBench.Sample> samples = ProcessEchoBench.LOADS.stream()
                .map(load -> new ProcessEchoBench.Sample(started.name(), load.name(), 1, 1_000, 50, 90)).toList();
        List<java.util.Map<String, Object>> rows = ProcessEchoBench.summary(two, samples);
        assertEquals(ProcessEchoBench.LOADS.size(), rows.size(), rows.toString());
        assertTrue(rows.stream().allMatch(row -> row.get("design").equals(started.name())), rows.toString());
        assertEquals(1_000L, rows.get(0).get("messagesPerSecondMedian"));
    }

    @Test
    void aThreadsGroupIsItsNameWithDigitsAsN() {
        assertEquals("ForkJoinPool-N-", ProcessEchoBench.group("ForkJoinPool-1-"));
        assertEquals("select-loop-N", ProcessEchoBench.group("select-loop-12"));
    }
}
