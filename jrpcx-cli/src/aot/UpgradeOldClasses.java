import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Build step of the jrpcx launcher (run with JDK 24 or later as a source file): copies a jar, rewriting
 * each class compiled for Java 5 or older (class file version below 50, such as picocli's) as a Java 8
 * class with stack maps, its code unchanged. The JDK's ahead-of-time cache cannot hold classes that old
 * ("Unlinked class not supported by AOTClassLinking"), so without this they are read from the jar,
 * verified and linked on every start.
 *
 * <pre>{@code
 * java jrpcx-cli/src/aot/UpgradeOldClasses.java jrpcx-cli/target/jrpcx-cli-all.jar jrpcx-cli/target/jrpcx-aot.jar
 * }</pre>
 */
public final class UpgradeOldClasses {
    private static final int OLDEST_LINKABLE = 50;
    private static final int TARGET = ClassFile.JAVA_8_VERSION;

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java UpgradeOldClasses.java IN.jar OUT.jar");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Path partial = out.resolveSibling(out.getFileName() + ".part");
        int upgraded = 0;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {in.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
             ZipInputStream jarIn = new ZipInputStream(Files.newInputStream(in));
             ZipOutputStream jarOut = new ZipOutputStream(Files.newOutputStream(partial))) {
            ClassFile classFile = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
                    ClassHierarchyResolver.defaultResolver().orElse(ClassHierarchyResolver.ofResourceParsing(loader))));
            for (ZipEntry entry; (entry = jarIn.getNextEntry()) != null; ) {
                byte[] bytes = jarIn.readAllBytes();
                if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")
                        && major(bytes) < OLDEST_LINKABLE) {
                    bytes = upgrade(classFile, bytes);
                    upgraded++;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                jarOut.putNextEntry(copy);
                jarOut.write(bytes);
                jarOut.closeEntry();
            }
        }
        Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.err.println("upgraded " + upgraded + " classes");
    }

    private static int major(byte[] bytes) {
        return bytes.length < 8 ? Integer.MAX_VALUE : ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff);
    }

    /** The class with a Java 8 version and its code rebuilt, which makes the stack maps that version needs. */
    private static byte[] upgrade(ClassFile classFile, byte[] bytes) {
        ClassModel model = classFile.parse(bytes);
        ClassTransform version = ClassTransform.endHandler(builder -> builder.withVersion(TARGET, 0));
        return classFile.transformClass(model,
                ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL).andThen(version));
    }
}
