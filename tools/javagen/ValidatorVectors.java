// RocketMQ 4.9.8's own Validators / TopicValidator verdicts on names and messages, for
// vectors/validators/. Each case: NAME.json with the input (as UTF-8 base64, so any
// character survives) and what every check said: "ok" or the exception's message.
// Usage: java ValidatorVectors OUTDIR
import org.apache.rocketmq.client.Validators;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.topic.TopicValidator;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

public class ValidatorVectors {
    interface Check { void run() throws Exception; }

    static String verdict(Check c) {
        try {
            c.run();
            return "ok";
        } catch (Exception e) {
            return e.getMessage() == null ? e.getClass().getName() : e.getMessage().split("\n")[0];
        }
    }

    static String q(String s) { return JsonText.q(s); }

    static String repeat(String s, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append(s);
        return sb.toString();
    }

    public static void main(String[] args) throws Exception {
        Path out = Paths.get(args[0]);
        Files.createDirectories(out);
        Map<String, String> names = new LinkedHashMap<>();
        names.put("empty", "");
        names.put("space", " ");
        names.put("tabs_newlines", "\t\n\u000b\f\r");
        names.put("file_separators", "\u001c\u001d\u001e\u001f");
        names.put("ideographic_space", "\u3000");
        names.put("no_break_space", "\u00a0");
        names.put("figure_space", "\u2007");
        names.put("line_separator", "\u2028");
        names.put("nel", "\u0085");
        names.put("plain", "TopicTest");
        names.put("all_legal_chars", "%|_-azAZ09");
        names.put("inner_space", "a b");
        names.put("dot", "a.b");
        names.put("slash", "a/b");
        names.put("chinese", "\u4e3b\u9898");
        names.put("emoji", "\ud83d\ude00");
        names.put("len_127", repeat("a", 127));
        names.put("len_128", repeat("a", 128));
        names.put("len_255", repeat("g", 255));
        names.put("len_256", repeat("g", 256));
        names.put("emoji_64_units_128", repeat("\ud83d\ude00", 64));
        names.put("chinese_128", repeat("\u4e3b", 128));
        names.put("long_and_illegal", repeat("a", 120) + "!" + repeat("a", 20));
        names.put("blank_then_char", "  x");
        names.put("tbw102", "TBW102");
        names.put("schedule", "SCHEDULE_TOPIC_XXXX");
        names.put("trans_half", "RMQ_SYS_TRANS_HALF_TOPIC");
        names.put("trace", "RMQ_SYS_TRACE_TOPIC");
        names.put("offset_moved", "OFFSET_MOVED_EVENT");
        names.put("self_test", "SELF_TEST_TOPIC");
        names.put("benchmark", "BenchmarkTest");
        names.put("checkpoint", "CHECKPOINT_TOPIC");
        names.put("sys_prefix", "rmq_sys_anything");
        names.put("sys_prefix_upper", "RMQ_SYS_anything");
        DefaultMQProducer producer = new DefaultMQProducer("g");
        for (Map.Entry<String, String> e : names.entrySet()) {
            String s = e.getValue();
            StringBuilder j = new StringBuilder("{\"source\":\"RocketMQ 4.9.8 Validators / TopicValidator\",");
            j.append("\"input_b64\":").append(q(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8))));
            j.append(",\"checkTopic\":").append(q(verdict(() -> Validators.checkTopic(s))));
            j.append(",\"checkGroup\":").append(q(verdict(() -> Validators.checkGroup(s))));
            j.append(",\"isNotAllowedSendTopic\":").append(TopicValidator.isNotAllowedSendTopic(s));
            j.append(",\"isSystemTopic\":").append(TopicValidator.isSystemTopic(s));
            j.append(",\"checkMessage_body_1\":").append(q(verdict(() -> Validators.checkMessage(new Message(s, new byte[1]), producer))));
            j.append("}\n");
            Files.write(out.resolve("name_" + e.getKey() + ".json"), j.toString().getBytes(StandardCharsets.UTF_8));
        }
        int[] sizes = {0, 1, 4194304, 4194305};
        for (int size : sizes) {
            byte[] body = new byte[size];
            StringBuilder j = new StringBuilder("{\"source\":\"RocketMQ 4.9.8 Validators.checkMessage\",");
            j.append("\"topic\":\"TopicTest\",\"body_length\":").append(size);
            j.append(",\"checkMessage\":").append(q(verdict(() -> Validators.checkMessage(new Message("TopicTest", body), producer))));
            j.append("}\n");
            Files.write(out.resolve("body_" + size + ".json"), j.toString().getBytes(StandardCharsets.UTF_8));
        }
        StringBuilder j = new StringBuilder("{\"source\":\"RocketMQ 4.9.8 Validators.checkMessage\",");
        j.append("\"topic\":\"TopicTest\",\"body_length\":null");
        j.append(",\"checkMessage\":").append(q(verdict(() -> { Message m = new Message("TopicTest", new byte[1]); m.setBody(null); Validators.checkMessage(m, producer); })));
        j.append("}\n");
        Files.write(out.resolve("body_null.json"), j.toString().getBytes(StandardCharsets.UTF_8));
    }
}
