// fastjson 1.2.69's own reading of RocketMQ JSON bodies, rendered as standard JSON, for
// vectors/json_body/. Maps keep wire order (Feature.OrderedField: a LinkedHashMap, so a
// repeated key keeps its first place and takes the last value); keys that are not strings
// become strings (numbers by their text, objects and arrays by their compact JSON text).
// Usage: java JsonBodies OUTDIR INPUT...   (writes OUTDIR/NAME.bin + NAME.json)
import com.alibaba.fastjson.JSON;
import com.alibaba.fastjson.parser.Feature;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

public class JsonBodies {
    static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
            case '"': sb.append("\\\""); break;
            case '\\': sb.append("\\\\"); break;
            case '\b': sb.append("\\b"); break;
            case '\t': sb.append("\\t"); break;
            case '\n': sb.append("\\n"); break;
            case '\f': sb.append("\\f"); break;
            case '\r': sb.append("\\r"); break;
            default:
                if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029) sb.append(String.format("\\u%04X", (int) c));
                else sb.append(c);
            }
        }
        sb.append('"');
    }

    static String render(Object o) {
        StringBuilder sb = new StringBuilder();
        render(o, sb);
        return sb.toString();
    }

    static void render(Object o, StringBuilder sb) {
        if (o == null) {
            sb.append("null");
        } else if (o instanceof Map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
                if (!first) sb.append(',');
                first = false;
                Object k = e.getKey();
                quote(k instanceof Map || k instanceof List ? render(k) : String.valueOf(k), sb);
                sb.append(':');
                render(e.getValue(), sb);
            }
            sb.append('}');
        } else if (o instanceof List) {
            sb.append('[');
            boolean first = true;
            for (Object v : (List<?>) o) {
                if (!first) sb.append(',');
                first = false;
                render(v, sb);
            }
            sb.append(']');
        } else if (o instanceof String) {
            quote((String) o, sb);
        } else {
            sb.append(o.toString());
        }
    }

    public static void main(String[] args) throws Exception {
        Path out = Paths.get(args[0]);
        Files.createDirectories(out);
        for (int i = 1; i < args.length; i++) {
            Path in = Paths.get(args[i]);
            byte[] bytes = Files.readAllBytes(in);
            String name = in.getFileName().toString().replaceAll("\\.bin$", "");
            StringBuilder json = new StringBuilder("{\"source\":\"fastjson 1.2.69 JSON.parse(text, Feature.OrderedField), rendered as standard JSON\",");
            try {
                Object o = JSON.parse(new String(bytes, StandardCharsets.UTF_8), Feature.OrderedField);
                json.append("\"java\":\"ok\",\"standard\":");
                quote(render(o), json);
            } catch (Exception e) {
                json.append("\"java\":\"exception\",\"exception\":");
                quote(e.getClass().getName(), json);
            }
            json.append("}\n");
            Files.write(out.resolve(name + ".bin"), bytes);
            Files.write(out.resolve(name + ".json"), json.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
