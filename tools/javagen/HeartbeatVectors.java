// RocketMQ 4.9.8's HeartbeatData as the client sends it (RemotingSerializable.encode: fastjson),
// for vectors/heartbeat/: NAME.bin is the body; NAME.json says what went in.
// Usage: java HeartbeatVectors OUTDIR
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.filter.FilterAPI;
import org.apache.rocketmq.common.protocol.heartbeat.ConsumeType;
import org.apache.rocketmq.common.protocol.heartbeat.ConsumerData;
import org.apache.rocketmq.common.protocol.heartbeat.HeartbeatData;
import org.apache.rocketmq.common.protocol.heartbeat.MessageModel;
import org.apache.rocketmq.common.protocol.heartbeat.ProducerData;
import org.apache.rocketmq.common.protocol.heartbeat.SubscriptionData;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

public class HeartbeatVectors {
    static void write(Path out, String name, HeartbeatData h, String what) throws Exception {
        Files.write(out.resolve(name + ".bin"), h.encode());
        String j = "{\"source\":\"RocketMQ 4.9.8 HeartbeatData.encode()\",\"what\":\"" + what + "\"}\n";
        Files.write(out.resolve(name + ".json"), j.getBytes(StandardCharsets.UTF_8));
    }

    static SubscriptionData sub(String topic, String expr, long version) throws Exception {
        SubscriptionData s = FilterAPI.buildSubscriptionData(topic, expr);
        s.setSubVersion(version);
        return s;
    }

    public static void main(String[] args) throws Exception {
        Path out = Paths.get(args[0]);
        Files.createDirectories(out);
        HeartbeatData p = new HeartbeatData();
        p.setClientID("127.0.0.1@12345");
        p.getProducerDataSet().add(new ProducerData() {{ setGroupName("please_rename_unique_group_name"); }});
        p.getProducerDataSet().add(new ProducerData() {{ setGroupName("CLIENT_INNER_PRODUCER"); }});
        write(out, "producer_only", p, "a producer: its group and the client's inner producer");

        HeartbeatData empty = new HeartbeatData();
        empty.setClientID("127.0.0.1@DEFAULT");
        write(out, "empty_sets", empty, "no producer, no consumer");

        HeartbeatData c = new HeartbeatData();
        c.setClientID("192.168.0.5@instance@unit");
        ConsumerData cd = new ConsumerData();
        cd.setGroupName("consumer_group");
        cd.setConsumeType(ConsumeType.CONSUME_PASSIVELY);
        cd.setMessageModel(MessageModel.CLUSTERING);
        cd.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET);
        cd.getSubscriptionDataSet().add(sub("TopicTest", "TagA || TagB", 1700000000000L));
        cd.setUnitMode(false);
        c.getConsumerDataSet().add(cd);
        write(out, "consumer_tags", c, "a push consumer subscribed to two tags");

        HeartbeatData all = new HeartbeatData();
        all.setClientID("127.0.0.1@\u5b9e\u4f8b");
        ConsumerData cd2 = new ConsumerData();
        cd2.setGroupName("pull_group");
        cd2.setConsumeType(ConsumeType.CONSUME_ACTIVELY);
        cd2.setMessageModel(MessageModel.BROADCASTING);
        cd2.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        cd2.getSubscriptionDataSet().add(sub("%RETRY%pull_group", "*", 5L));
        cd2.setUnitMode(true);
        all.getConsumerDataSet().add(cd2);
        all.getProducerDataSet().add(new ProducerData() {{ setGroupName("g"); }});
        write(out, "consumer_all_and_producer", all, "a broadcasting pull consumer on the retry topic and a producer");
    }
}
