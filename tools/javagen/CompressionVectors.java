// RocketMQ 5.3.3's Lz4Compressor / ZstdCompressor (lz4-java, zstd-jni) on known bodies, for
// vectors/compression/: NAME.bin is what Java wrote, NAME.json says how to make the original
// (base64, or a pattern for the large ones) and how Java reads our own output back.
// Usage: java CompressionVectors OUTDIR [CHECKDIR]  (CHECKDIR: *.bin files to decompress, with .type)
import org.apache.rocketmq.common.compression.CompressionType;
import org.apache.rocketmq.common.compression.Compressor;
import org.apache.rocketmq.common.compression.CompressorFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.Base64;

public class CompressionVectors {
    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) ((i * 31 + (i >> 10)) % 251);
        return b;
    }

    static String hex(byte[] d) {
        StringBuilder sb = new StringBuilder();
        for (byte x : d) sb.append(String.format("%02x", x));
        return sb.toString();
    }

    static void write(Path out, String name, CompressionType type, int level, byte[] original, boolean inline) throws Exception {
        Compressor c = CompressorFactory.getCompressor(type);
        byte[] z = c.compress(original, level);
        byte[] back = c.decompress(z);
        if (!java.util.Arrays.equals(back, original)) throw new IllegalStateException(name + ": no round trip");
        Files.write(out.resolve(name + ".bin"), z);
        String j = "{\"source\":\"RocketMQ 5.3.3 " + (type == CompressionType.LZ4 ? "Lz4Compressor (lz4-java)" : "ZstdCompressor (zstd-jni)")
            + ".compress\",\"type\":\"" + type.name() + "\",\"level\":" + level + ",\"original_length\":" + original.length
            + ",\"original_sha256\":\"" + hex(MessageDigest.getInstance("SHA-256").digest(original)) + "\","
            + (inline ? "\"original_b64\":\"" + Base64.getEncoder().encodeToString(original) + "\""
                      : "\"original_pattern\":\"byte i = (i * 31 + (i >> 10)) % 251\"")
            + "}\n";
        Files.write(out.resolve(name + ".json"), j.getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws Exception {
        Path out = Paths.get(args[0]);
        Files.createDirectories(out);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 600; i++) text.append("message body ").append(i % 7).append(" \u4e2d\u6587 ");
        byte[] t = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] small = "hello".getBytes(StandardCharsets.UTF_8);
        byte[] random = new byte[10000];
        new java.util.Random(42).nextBytes(random);
        for (CompressionType type : new CompressionType[] {CompressionType.LZ4, CompressionType.ZSTD}) {
            String p = type.name().toLowerCase();
            write(out, p + "_text", type, 5, t, true);
            write(out, p + "_small", type, 5, small, true);
            write(out, p + "_random_incompressible", type, 5, random, true);
            write(out, p + "_pattern_5mb", type, 5, pattern(5 << 20), false);
            write(out, p + "_empty", type, 5, new byte[0], true);
        }
        write(out, "zstd_text_level_1", CompressionType.ZSTD, 1, t, true);
        write(out, "zstd_text_level_19", CompressionType.ZSTD, 19, t, true);
        if (args.length > 1) {
            // Java reads what rmqwire wrote: NAME.lz4 / NAME.zstd → prints NAME ok|failed length sha256
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(Paths.get(args[1]))) {
                for (Path f : ds) {
                    String n = f.getFileName().toString();
                    CompressionType type = n.endsWith(".lz4") ? CompressionType.LZ4 : n.endsWith(".zstd") ? CompressionType.ZSTD : null;
                    if (type == null) continue;
                    try {
                        byte[] back = CompressorFactory.getCompressor(type).decompress(Files.readAllBytes(f));
                        System.out.println(n + " ok " + back.length + " " + hex(MessageDigest.getInstance("SHA-256").digest(back)));
                    } catch (Exception e) {
                        System.out.println(n + " failed " + e);
                    }
                }
            }
        }
    }
}
