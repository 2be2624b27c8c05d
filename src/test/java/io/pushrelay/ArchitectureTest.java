package io.pushrelay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The plug-in boundary and the package order, read from the imports of src/main: a provider package is known to no
 * other package but through the plug-in SPI, the wire contract ({@code message}) imports no other package, and no
 * package sits on a cycle. Imports and qualified names in code count; comments do not.
 */
class ArchitectureTest {

    private static final Pattern IMPORT = Pattern.compile("\\bio\\.pushrelay\\.([a-z.]+?)\\.[A-Z]");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\n]*", Pattern.DOTALL);
    private static final Pattern PROVIDER_PACKAGE = Pattern.compile("provider\\.[a-z]+");
    private final Map<String, Set<String>> imports = packageImports();

    @Test
    void noPackageButTheProviderItselfImportsAProviderPackage() {
        Map<String, Set<String>> offenders = new TreeMap<>();
        imports.forEach((pkg, targets) -> targets.stream()
                .filter(t -> PROVIDER_PACKAGE.matcher(t).matches() && !t.equals(pkg))
                .forEach(t -> offenders.computeIfAbsent(pkg, k -> new TreeSet<>()).add(t)));
        assertThat(imports).containsKeys("provider.adm", "provider.fcm", "provider.alexa", "plugin");
        assertThat(offenders).isEmpty();
    }

    @Test
    void theSpiAndTheRequestRulesStayAtTheBottom() {
        assertThat(imports.get("plugin")).isSubsetOf("config", "message");
        assertThat(imports.get("request")).isSubsetOf("message", "plugin");
        assertThat(imports.get("config")).isEmpty();
        assertThat(imports.get("message")).isEmpty();
        assertThat(imports.get("auth")).doesNotContain("provider");
    }

    @Test
    void noPackageSitsOnACycle() {
        assertThat(imports).containsKeys("message", "intake", "registry", "broker", "campaign", "deadletter", "reply");
        for (String pkg : imports.keySet()) {
            assertThat(pathBack(pkg)).as("a cycle through " + pkg).isNull();
        }
    }

    /** A chain of imports leading from {@code start} back to it, or null. */
    private List<String> pathBack(String start) {
        Deque<List<String>> paths = new ArrayDeque<>();
        paths.add(List.of(start));
        Set<String> seen = new HashSet<>();
        while (!paths.isEmpty()) {
            List<String> path = paths.poll();
            for (String next : imports.getOrDefault(path.get(path.size() - 1), Set.of())) {
                if (next.equals(start)) {
                    return Stream.concat(path.stream(), Stream.of(start)).toList();
                }
                if (seen.add(next)) {
                    paths.add(Stream.concat(path.stream(), Stream.of(next)).toList());
                }
            }
        }
        return null;
    }

    /** Package (relative to io.pushrelay) to the other io.pushrelay packages its files import. */
    private static Map<String, Set<String>> packageImports() {
        Path root = sources();
        Map<String, Set<String>> imports = new HashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path dir = root.relativize(file.getParent());
                String pkg = dir.toString().replace(java.io.File.separatorChar, '.');
                Set<String> targets = imports.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = IMPORT.matcher(COMMENT.matcher(Files.readString(file)).replaceAll(""));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        targets.add(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return imports;
    }

    /** src/main/java/io/pushrelay of the repository, found upwards from the module's directory. */
    private static Path sources() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("src/main/java/io/pushrelay");
            if (Files.isDirectory(candidate.resolve("plugin"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("src/main/java/io/pushrelay not found above " + Path.of("").toAbsolutePath());
    }
}
