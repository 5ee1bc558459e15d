package sockets.common.grading;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.JarFile;

/**
 * Which grader graded: the kit's version and the SHA-256 of the jar it ran from, named in every report, so
 * a student and an instructor can tell they ran the same checks. Run from a classes folder (the tests, an
 * IDE), there is no jar to hash, and the report says so.
 */
public record Kit(String version, String jar, String sha256) {

    private static volatile Kit running;

    /** The kit this grader runs from, worked out once. */
    public static Kit running() {
        Kit kit = running;
        if (kit == null) {
            kit = find();
            running = kit;
        }
        return kit;
    }

    /** The jar this grader runs from, or empty when it runs from a classes folder. */
    public static java.util.Optional<Path> runningJar() {
        return where().filter(Files::isRegularFile);
    }

    private static java.util.Optional<Path> where() {
        try {
            return java.util.Optional.of(Path.of(Kit.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static Kit find() {
        java.util.Optional<Path> found = where();
        if (found.isEmpty()) {
            return new Kit("unknown", "unknown", "none");
        }
        Path where = found.get();
        if (!Files.isRegularFile(where)) {
            return new Kit("development", where.toString(), "none (run from a classes folder, not a jar)");
        }
        String version = "unknown";
        try (JarFile jar = new JarFile(where.toFile())) {
            if (jar.getManifest() != null) {
                String declared = jar.getManifest().getMainAttributes().getValue("Kit-Version");
                version = declared == null ? version : declared;
            }
        } catch (IOException e) {
            // no manifest to read: the hash still pins what ran
        }
        return new Kit(version, where.getFileName().toString(), sha256(where));
    }

    /** The hex SHA-256 of {@code file}, as {@code sha256sum} prints it. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }

    /** {@code kit 1.0, 01-blocking.jar sha256 3f1c...}: the line every run and report starts with. */
    public String line() {
        return "kit " + version + ", " + jar + " sha256 " + sha256;
    }
}
