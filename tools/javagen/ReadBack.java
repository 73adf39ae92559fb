// Java's reading of rmqwire's encoder outputs (tools/encode_matrix): each case is read the way
// a broker or client reads it, compared field for field with the values the C side asked for,
// and written again with Java's own writer to compare bytes. One source for both releases: the
// classes that moved between 4.9.8 and 5.3.3 are found by name.
// Usage: java ReadBack DIR [VECTORS]   (DIR/cases.jsonl and DIR/NAME.bin from encode_matrix;
// VECTORS: where to write Java's own bytes of each case that Java read as asked, as
// vectors/readback/RELEASE/NAME.bin + NAME.json, which tests/check_readback.sh compares with)
// Prints one line per case (agree / DIFFER with the first difference / BYTES where only the
// bytes differ from Java's writer) and a summary; exit status 1 when anything differs.
import com.alibaba.fastjson.JSON;
import com.alibaba.fastjson.JSONArray;
import com.alibaba.fastjson.JSONObject;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.apache.rocketmq.common.UtilAll;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageId;
import org.apache.rocketmq.remoting.CommandCustomHeader;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public class ReadBack {
    static boolean v5;

    static String b64(byte[] b) { return b == null ? null : Base64.getEncoder().encodeToString(b); }

    /** Java's value as the manifest writes values: scalars as text, containers kept. */
    static Object norm(Object o) {
        if (o == null) return null;
        if (o instanceof Map) {
            JSONObject m = new JSONObject(true);
            for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) m.put(String.valueOf(e.getKey()), norm(e.getValue()));
            return m;
        }
        if (o instanceof List || o instanceof java.util.Set) {
            JSONArray a = new JSONArray();
            for (Object x : (java.util.Collection<?>) o) a.add(norm(x));
            return a;
        }
        if (o instanceof byte[]) return b64((byte[]) o);
        if (o instanceof Enum) return ((Enum<?>) o).name();
        return String.valueOf(o);
    }

    /** First difference of got from want, or null. A missing key counts as null; sets
     *  (HashSet order) are compared as sorted lists when the path says so. */
    static String diff(String path, Object want, Object got) {
        if (want == null || got == null) return want == got ? null : path + ": want " + JSON.toJSONString(want) + ", Java " + JSON.toJSONString(got);
        if (want instanceof JSONObject && got instanceof JSONObject) {
            JSONObject w = (JSONObject) want, g = (JSONObject) got;
            for (String k : w.keySet()) {
                String d = diff(path + "." + k, w.get(k), g.get(k));
                if (d != null) return d;
            }
            for (String k : g.keySet())
                if (!w.containsKey(k) && g.get(k) != null) return path + "." + k + ": not asked for, Java " + JSON.toJSONString(g.get(k));
            return null;
        }
        if (want instanceof JSONArray && got instanceof JSONArray) {
            List<Object> w = new ArrayList<>((JSONArray) want), g = new ArrayList<>((JSONArray) got);
            if (path.endsWith("Set")) {
                w.sort((a, b) -> JSON.toJSONString(a).compareTo(JSON.toJSONString(b)));
                g.sort((a, b) -> JSON.toJSONString(a).compareTo(JSON.toJSONString(b)));
            }
            if (w.size() != g.size()) return path + ": want " + w.size() + " items, Java " + g.size();
            for (int i = 0; i < w.size(); i++) {
                String d = diff(path + "[" + i + "]", w.get(i), g.get(i));
                if (d != null) return d;
            }
            return null;
        }
        return String.valueOf(want).equals(String.valueOf(got)) ? null
            : path + ": want " + JSON.toJSONString(want) + ", Java " + JSON.toJSONString(got);
    }

    static Class<?> cls(String v4, String v5name) throws ClassNotFoundException {
        return Class.forName(v5 ? v5name : v4);
    }

    static JSONObject header(CommandCustomHeader h) throws Exception {
        JSONObject o = new JSONObject(true);
        for (Class<?> c = h.getClass(); c != Object.class; c = c.getSuperclass())
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) continue;
                f.setAccessible(true);
                Object v = f.get(h);
                if (v != null) o.put(f.getName(), String.valueOf(v));
            }
        return o;
    }

    static byte[] frameBytes(RemotingCommand cmd) {
        ByteBuf out = Unpooled.buffer();
        cmd.fastEncodeHeader(out); // what NettyEncoder writes
        if (cmd.getBody() != null) out.writeBytes(cmd.getBody());
        byte[] b = new byte[out.readableBytes()];
        out.readBytes(b);
        return b;
    }

    /** A producer's Message map: HashMap() with the puts in the order asked for. */
    static Map<String, String> producerMap(Object want) {
        Map<String, String> m = new HashMap<>();
        for (Map.Entry<String, Object> e : ((JSONObject) want).entrySet()) m.put(e.getKey(), (String) e.getValue());
        return m;
    }

    /** [what Java read, Java's own bytes for the same values (want: the values in asked order)] */
    @SuppressWarnings("unchecked")
    static Object[] read(String kind, String klass, byte[] bin, Object want, JSONObject kase) throws Exception {
        switch (kind) {
        case "frame": {
            RemotingCommand cmd = RemotingCommand.decode(Arrays.copyOfRange(bin, 4, bin.length));
            JSONObject o = new JSONObject(true);
            o.put("code", norm(cmd.getCode()));
            o.put("language", norm(cmd.getLanguage()));
            o.put("version", norm(cmd.getVersion()));
            o.put("opaque", norm(cmd.getOpaque()));
            o.put("flag", norm(cmd.getFlag()));
            o.put("remark", cmd.getRemark());
            o.put("serializeType", norm(cmd.getSerializeTypeCurrentRPC()));
            o.put("extFields", norm(cmd.getExtFields()));
            o.put("body", b64(cmd.getBody()));
            // Java's writer on the values asked for (the header: as Java decoded it)
            JSONObject a = kase.getJSONObject("asked");
            RemotingCommand mine = RemotingCommand.createRequestCommand(a.getIntValue("code"), null);
            mine.setCode(a.getIntValue("code"));
            String lang = a.getString("language");
            mine.setLanguage(lang == null ? null : org.apache.rocketmq.remoting.protocol.LanguageCode.valueOf(lang));
            mine.setVersion(a.getIntValue("version"));
            mine.setOpaque(a.getIntValue("opaque"));
            mine.setFlag(a.getIntValue("flag"));
            mine.setRemark(a.getString("remark"));
            mine.setSerializeTypeCurrentRPC(org.apache.rocketmq.remoting.protocol.SerializeType.valueOf(a.getString("serializeType")));
            JSONObject ext = a.getJSONObject("extFields");
            if (ext != null) {
                HashMap<String, String> m = new HashMap<>();
                for (Map.Entry<String, Object> e : ext.entrySet()) m.put(e.getKey(), (String) e.getValue());
                mine.setExtFields(m);
            }
            mine.setBody(a.getString("body") == null ? null : Base64.getDecoder().decode(a.getString("body")));
            if (klass != null) {
                CommandCustomHeader h = cmd.decodeCommandCustomHeader((Class<? extends CommandCustomHeader>) Class.forName(klass));
                o.put("header", header(h));
                // from the header alone: makeCustomHeaderToNet / FastCodesHeader.encode
                mine.setExtFields(null);
                mine.writeCustomHeader(h);
            }
            return new Object[] {o, frameBytes(mine)};
        }
        case "route_plain":
        case "route_standard": {
            Class<?> c = cls("org.apache.rocketmq.common.protocol.route.TopicRouteData",
                "org.apache.rocketmq.remoting.protocol.route.TopicRouteData");
            Object route = c.getMethod("decode", byte[].class, Class.class).invoke(null, bin, c);
            byte[] again;
            if (kind.equals("route_plain")) again = (byte[]) c.getMethod("encode").invoke(route);
            else again = (byte[]) c.getMethod("encode", com.alibaba.fastjson.serializer.SerializerFeature[].class).invoke(route,
                (Object) new com.alibaba.fastjson.serializer.SerializerFeature[] {
                    com.alibaba.fastjson.serializer.SerializerFeature.BrowserCompatible,
                    com.alibaba.fastjson.serializer.SerializerFeature.QuoteFieldNames,
                    com.alibaba.fastjson.serializer.SerializerFeature.SkipTransientField,
                    com.alibaba.fastjson.serializer.SerializerFeature.MapSortField});
            return new Object[] {norm(JSON.toJSON(route)), again};
        }
        case "heartbeat": {
            Class<?> c = cls("org.apache.rocketmq.common.protocol.heartbeat.HeartbeatData",
                "org.apache.rocketmq.remoting.protocol.heartbeat.HeartbeatData");
            Object hb = c.getMethod("decode", byte[].class, Class.class).invoke(null, bin, c);
            JSONObject o = (JSONObject) norm(JSON.toJSON(hb));
            // ProducerData holds only its group name
            JSONArray groups = new JSONArray();
            for (Object p : o.getJSONArray("producerDataSet")) groups.add(((JSONObject) p).get("groupName"));
            o.put("producerDataSet", groups);
            return new Object[] {o, c.getMethod("encode").invoke(hb)};
        }
        case "properties": {
            Map<String, String> m = MessageDecoder.string2messageProperties(new String(bin, StandardCharsets.UTF_8));
            // a producer's Message map: HashMap() with the puts asked for, in their order
            Map<String, String> puts = new HashMap<>();
            for (Object e : kase.getJSONArray("asked")) puts.put(((JSONArray) e).getString(0), ((JSONArray) e).getString(1));
            return new Object[] {norm(m), MessageDecoder.messageProperties2String(puts).getBytes(StandardCharsets.UTF_8)};
        }
        case "batch": {
            List<Message> msgs = MessageDecoder.decodeMessages(ByteBuffer.wrap(bin));
            JSONArray a = new JSONArray();
            int i = 0;
            for (Message m : msgs) {
                JSONObject o = new JSONObject(true);
                o.put("flag", norm(m.getFlag()));
                o.put("body", b64(m.getBody()));
                o.put("properties", norm(m.getProperties() == null ? new HashMap<>() : m.getProperties()));
                a.add(o);
                // as the producer held them when it wrote the batch
                if (i < ((JSONArray) want).size()) org.apache.rocketmq.common.message.MessageAccessor.setProperties(m, producerMap(((JSONArray) want).getJSONObject(i).get("properties")));
                i++;
            }
            return new Object[] {a, MessageDecoder.encodeMessages(msgs)};
        }
        case "zlib": {
            byte[] body = UtilAll.uncompress(bin);
            JSONObject o = new JSONObject(true);
            o.put("level", "5");
            o.put("body", b64(body));
            return new Object[] {o, UtilAll.compress(body, 5)};
        }
        case "msgid": {
            String id = new String(bin, StandardCharsets.US_ASCII);
            MessageId m = MessageDecoder.decodeMessageId(id);
            InetSocketAddress a = (InetSocketAddress) m.getAddress();
            JSONObject o = new JSONObject(true);
            o.put("address", a.getAddress().getHostAddress() + ":" + a.getPort());
            o.put("offset", norm(m.getOffset()));
            byte[] ip = a.getAddress().getAddress();
            ByteBuffer addr = ByteBuffer.allocate(ip.length + 4);
            addr.put(ip).putInt(a.getPort()).flip();
            String again = MessageDecoder.createMessageId(ByteBuffer.allocate(ip.length + 12), addr, m.getOffset());
            return new Object[] {o, again.getBytes(StandardCharsets.US_ASCII)};
        }
        default:
            throw new IllegalArgumentException("unknown kind " + kind);
        }
    }

    static final Map<String, String> WRITERS = new HashMap<>();
    static {
        WRITERS.put("frame", "RemotingCommand.fastEncodeHeader + body (NettyEncoder)");
        WRITERS.put("route_plain", "TopicRouteData.encode()");
        WRITERS.put("route_standard", "TopicRouteData.encode(BrowserCompatible, QuoteFieldNames, SkipTransientField, MapSortField)");
        WRITERS.put("heartbeat", "HeartbeatData.encode()");
        WRITERS.put("properties", "MessageDecoder.messageProperties2String (a producer's HashMap)");
        WRITERS.put("batch", "MessageDecoder.encodeMessages");
        WRITERS.put("zlib", "UtilAll.compress(body, 5)");
        WRITERS.put("msgid", "MessageDecoder.createMessageId");
    }

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        Path vectors = args.length > 1 ? Paths.get(args[1]) : null;
        if (vectors != null) Files.createDirectories(vectors);
        int agree = 0, differ = 0, bytes = 0;
        for (String line : Files.readAllLines(dir.resolve("cases.jsonl"), StandardCharsets.UTF_8)) {
            JSONObject c = JSON.parseObject(line, com.alibaba.fastjson.parser.Feature.OrderedField);
            v5 = "5.3.3".equals(c.getString("release"));
            String name = c.getString("name");
            byte[] bin = Files.readAllBytes(dir.resolve(name + ".bin"));
            Object[] r;
            try {
                r = read(c.getString("kind"), c.getString("class"), bin, c.get("want"), c);
            } catch (Throwable e) {
                Throwable t = e instanceof java.lang.reflect.InvocationTargetException ? e.getCause() : e;
                System.out.println("DIFFER " + name + ": Java throws " + t);
                differ++;
                continue;
            }
            String d = diff("", c.get("want"), r[0]);
            byte[] java = (byte[]) r[1];
            if (vectors != null && d == null) {
                Files.write(vectors.resolve(name + ".bin"), java);
                String release = c.getString("release");
                Files.write(vectors.resolve(name + ".json"), ("{\n  \"source\": \"RocketMQ " + release + " " + WRITERS.get(c.getString("kind"))
                    + " on the values tools/encode_matrix asks for in case " + name + "\",\n  \"rocketmq\": \"" + release
                    + "\",\n  \"kind\": \"" + c.getString("kind") + "\",\n  \"java_read_ours_as_asked\": true\n}\n").getBytes(StandardCharsets.UTF_8));
            }
            if (d != null) {
                System.out.println("DIFFER " + name + " " + d);
                differ++;
            } else if (!Arrays.equals(java, bin)) {
                int i = 0;
                while (i < java.length && i < bin.length && java[i] == bin[i]) i++;
                System.out.println("BYTES  " + name + ": ours " + bin.length + " bytes, Java's writer " + java.length
                    + ", first difference at " + i + ": ours …" + show(bin, i) + " Java …" + show(java, i));
                bytes++;
            } else {
                System.out.println("agree  " + name);
                agree++;
            }
        }
        System.out.println("readback: " + (agree + differ + bytes) + " cases, " + agree + " read as asked and byte for byte, "
            + bytes + " read as asked with other bytes, " + differ + " read otherwise");
        System.exit(differ + bytes == 0 ? 0 : 1);
    }

    static String show(byte[] b, int at) {
        int end = Math.min(b.length, at + 24);
        String s = new String(b, at, Math.max(0, end - at), StandardCharsets.ISO_8859_1);
        StringBuilder sb = new StringBuilder();
        for (char ch : s.toCharArray()) sb.append(ch >= 0x20 && ch < 0x7F ? String.valueOf(ch) : String.format("\\x%02x", (int) ch));
        return sb.toString();
    }
}
