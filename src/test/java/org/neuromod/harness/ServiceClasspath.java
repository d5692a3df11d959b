package org.neuromod.harness;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * The class path of the running JVM as a service process needs it: surefire's single manifest
 * jar expanded into its entries, and the test classes left out (their configurations would
 * otherwise be found by component scanning).
 */
final class ServiceClasspath {

    private ServiceClasspath() {}

    static String withoutTests() throws IOException {
        var entries = new ArrayList<String>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.addAll(expand(entry));
        }
        return String.join(
                File.pathSeparator,
                entries.stream()
                        .filter(entry -> !Path.of(entry).endsWith("test-classes"))
                        .toList());
    }

    /** A jar whose manifest names a class path stands for that class path. */
    private static List<String> expand(String entry) throws IOException {
        if (!entry.endsWith(".jar")) {
            return List.of(entry);
        }
        try (var jar = new JarFile(entry)) {
            var manifest = jar.getManifest();
            String classPath =
                    manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null || classPath.isBlank()) {
                return List.of(entry);
            }
            Path base = Path.of(entry).toAbsolutePath().getParent();
            var expanded = new ArrayList<String>();
            for (String url : classPath.trim().split("\\s+")) {
                URI uri = base.toUri().resolve(url);
                expanded.add(Path.of(uri).toString());
            }
            return expanded;
        }
    }
}
