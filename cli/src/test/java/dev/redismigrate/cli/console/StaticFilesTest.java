package dev.redismigrate.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticFilesTest {
    @TempDir
    Path dir;

    @Test
    void aDirectoryOfExplodedClassesIsNoPage() throws IOException {
        Path js = Files.createDirectories(dir.resolve("console/js"));
        Path app = Files.writeString(js.resolve("app.js"), "export {};");

        assertThat(StaticFiles.isDirectory(js.toUri().toURL())).isTrue();
        assertThat(StaticFiles.isDirectory(app.toUri().toURL())).isFalse();
    }

    @Test
    void aDirectoryInTheJarIsNoPageEvenNamedWithoutItsSlash() throws IOException {
        Path jar = dir.resolve("cli.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("console/js/"));
            out.closeEntry();
            out.putNextEntry(new JarEntry("console/js/app.js"));
            out.write("export {};".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        String base = "jar:" + jar.toUri() + "!/console/";

        assertThat(StaticFiles.isDirectory(new URL(base + "js"))).isTrue();
        assertThat(StaticFiles.isDirectory(new URL(base + "js/app.js"))).isFalse();
    }
}
