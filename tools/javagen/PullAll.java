// Every message of a topic read back by the Java 4.9.8 client's own pull consumer, one JSON line
// each (UNIQ_KEY, topic, tags, keys, user properties, body in Base64): the check that what rmqwire's
// producers sent is what a Java consumer gets. Development only; loopback name servers only.
//   tools/javagen/run PullAll 127.0.0.1:9876 TOPIC
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import com.alibaba.fastjson.JSON;

public class PullAll {
    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].startsWith("127.")) throw new IllegalArgumentException("PullAll 127.x.x.x:port TOPIC");
        DefaultMQPullConsumer consumer = new DefaultMQPullConsumer("rmqwire_pullall_group");
        consumer.setNamesrvAddr(args[0]);
        consumer.start();
        try {
            Set<MessageQueue> queues = consumer.fetchSubscribeMessageQueues(args[1]);
            for (MessageQueue mq : queues) {
                long offset = 0;
                for (;;) {
                    PullResult r = consumer.pull(mq, "*", offset, 32);
                    if (r.getPullStatus() != PullStatus.FOUND) break;
                    for (MessageExt m : r.getMsgFoundList()) {
                        Map<String, Object> line = new TreeMap<>();
                        line.put("uniq", m.getProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX));
                        line.put("topic", m.getTopic());
                        line.put("tags", m.getTags());
                        line.put("keys", m.getKeys());
                        Map<String, String> user = new TreeMap<>(m.getProperties());
                        user.keySet().removeIf(k -> MessageConst.STRING_HASH_SET.contains(k));
                        line.put("props", user);
                        line.put("sysFlag", m.getSysFlag());
                        line.put("body", Base64.getEncoder().encodeToString(m.getBody()));
                        System.out.println(JSON.toJSONString(line));
                    }
                    offset = r.getNextBeginOffset();
                }
            }
        } finally {
            consumer.shutdown();
        }
    }
}
