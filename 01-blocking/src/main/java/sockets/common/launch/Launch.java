package sockets.common.launch;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Main-Class of every chapter's runnable jar, compiled for Java 11 so that an older default {@code java}
 * can start it. On Java 21 or newer it runs the chapter's entry class (the manifest's {@code Chapter-Main})
 * in this JVM. On an older one it looks for an installed JDK 21+ (JAVA_HOME, JDK_HOME, JAVAnn_HOME, the usual
 * JDK folders, as the build does) and runs the same jar with it, passing its arguments, standard streams,
 * SIGTERM/SIGINT and exit code through; if there is none, it says so in one line and exits 1.
 */
public final class Launch {
    static final int MINIMUM = 21;

    private Launch() {
    }

    public static void main(String[] args) throws Exception {
        String chapterMain = chapterMain();
        if (Runtime.version().feature() >= MINIMUM) {
            try {
                Class.forName(chapterMain).getMethod("main", String[].class).invoke(null, (Object) args);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
            }
            return;
        }
        File java = newestJava();
        if (java == null) {
            System.err.println("this program needs Java " + MINIMUM + " or newer, and runs on Java "
                    + Runtime.version().feature() + " (" + System.getProperty("java.home") + "); no JDK " + MINIMUM
                    + "+ found (JAVA_HOME, JAVAnn_HOME, /usr/lib/jvm, ~/.jdks, ...): install one, or run it with one:"
                    + " /path/to/jdk-" + MINIMUM + "/bin/java -jar ...");
            System.exit(1);
        }
        // The same class path: with -jar, that is the jar itself.
        List<String> command = new ArrayList<>(List.of(java.getPath(), "-cp", System.getProperty("java.class.path"),
                chapterMain));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).inheritIO().start();
        // SIGTERM or SIGINT to this JVM: passed on to the chapter's program, which stops cleanly, then we end.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (child.isAlive()) {
                child.destroy();
                try {
                    child.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }));
        System.exit(child.waitFor());
    }

    /** The chapter's entry class, named in this jar's manifest (or, outside a jar, by -Dchapter.main). */
    static String chapterMain() throws IOException {
        String named = System.getProperty("chapter.main");
        if (named != null) {
            return named;
        }
        File jar = thisJar();
        if (jar == null || !jar.isFile()) {
            throw new IllegalStateException("not run from a chapter's jar: give -Dchapter.main=CLASS");
        }
        try (JarFile file = new JarFile(jar)) {
            return file.getManifest().getMainAttributes().getValue(new Attributes.Name("Chapter-Main"));
        }
    }

    private static File thisJar() {
        try {
            return new File(Launch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException e) {
            return null;
        }
    }

    /** The {@code bin/java} of the newest installed JDK of at least {@link #MINIMUM}, or null. */
    static File newestJava() {
        List<File> homes = new ArrayList<>();
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            if (e.getKey().equals("JAVA_HOME") || e.getKey().equals("JDK_HOME") || e.getKey().matches("JAVA\\d+_HOME")) {
                homes.add(new File(e.getValue()));
            }
        }
        String home = System.getProperty("user.home");
        String[] roots = {"/usr/lib/jvm", "/usr/java", "/opt/java", "/opt/jdks", "/Library/Java/JavaVirtualMachines",
            home + "/.jdks", home + "/.m2/jdks", home + "/.sdkman/candidates/java", home + "/.gradle/jdks",
            "C:\\Program Files\\Java", "C:\\Program Files\\Eclipse Adoptium", "C:\\Program Files\\Microsoft"};
        for (String root : roots) {
            File[] kids = new File(root).listFiles();
            if (kids != null) {
                for (File kid : kids) {
                    homes.add(kid);
                    homes.add(new File(kid, "Contents/Home"));
                }
            }
        }
        File best = null;
        int bestFeature = MINIMUM - 1;
        for (File jdk : homes) {
            int feature = feature(jdk);
            File java = new File(jdk, "bin/" + (File.separatorChar == '\\' ? "java.exe" : "java"));
            if (feature > bestFeature && java.canExecute()) {
                best = java;
                bestFeature = feature;
            }
        }
        return best;
    }

    /** The feature release a JDK's {@code release} file names ({@code JAVA_VERSION="21.0.2"}: 21), or -1. */
    static int feature(File jdk) {
        File release = new File(jdk, "release");
        if (!release.isFile()) {
            return -1;
        }
        Properties p = new Properties();
        try (InputStream in = new FileInputStream(release)) {
            p.load(in);
        } catch (IOException e) {
            return -1;
        }
        Matcher m = Pattern.compile("^(1\\.)?(\\d+)").matcher(p.getProperty("JAVA_VERSION", "").replace("\"", ""));
        return m.find() ? Integer.parseInt(m.group(2)) : -1;
    }
}
