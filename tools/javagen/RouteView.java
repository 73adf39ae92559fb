// RocketMQ 5.3.3's reading of route bodies (TopicRouteData.decode, fastjson 1.2.83), one JSON
// line per input in jview's format (../shared/javaref/jview route covers 4.9.8), with the 5.x
// fields: BrokerData.zoneName / enableActingMaster and topicQueueMappingByBroker. For the
// 5.3.3 route differential (fuzz/diff --release 5.3.3, compared by tools/jdiff route-5.3.3).
//   tools/javagen/run RouteView OUT_DIR INPUT_DIR...
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.remoting.protocol.route.QueueData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.apache.rocketmq.remoting.protocol.statictopic.TopicQueueMappingInfo;

public final class RouteView {
    private RouteView() {}

    static Map<String, Object> mappingView(TopicQueueMappingInfo t) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("bname", t.getBname());
        x.put("topic", t.getTopic());
        x.put("scope", t.getScope());
        x.put("totalQueues", t.getTotalQueues());
        x.put("epoch", t.getEpoch());
        x.put("dirty", t.isDirty());
        Map<String, Integer> ids = null;
        if (t.getCurrIdMap() != null) {
            ids = new LinkedHashMap<>();
            for (Map.Entry<Integer, Integer> e : new TreeMap<>(t.getCurrIdMap()).entrySet()) ids.put(String.valueOf(e.getKey()), e.getValue());
        }
        x.put("currIdMap", ids);
        return x;
    }

    static Map<String, Object> view(TopicRouteData r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("orderTopicConf", r.getOrderTopicConf());
        List<Object> qs = null;
        if (r.getQueueDatas() != null) {
            qs = new ArrayList<>();
            for (QueueData q : r.getQueueDatas()) {
                if (q == null) { qs.add(null); continue; }
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("brokerName", q.getBrokerName());
                x.put("readQueueNums", q.getReadQueueNums());
                x.put("writeQueueNums", q.getWriteQueueNums());
                x.put("perm", q.getPerm());
                x.put("topicSysFlag", q.getTopicSysFlag());
                qs.add(x);
            }
        }
        m.put("queueDatas", qs);
        List<Object> bs = null;
        if (r.getBrokerDatas() != null) {
            bs = new ArrayList<>();
            for (BrokerData b : r.getBrokerDatas()) {
                if (b == null) { bs.add(null); continue; }
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("cluster", b.getCluster());
                x.put("brokerName", b.getBrokerName());
                Map<String, String> addrs = null;
                if (b.getBrokerAddrs() != null) {
                    addrs = new LinkedHashMap<>();
                    for (Map.Entry<Long, String> e : new TreeMap<>(b.getBrokerAddrs()).entrySet()) addrs.put(String.valueOf(e.getKey()), e.getValue());
                }
                x.put("brokerAddrs", addrs);
                x.put("zoneName", b.getZoneName());
                x.put("enableActingMaster", b.isEnableActingMaster());
                bs.add(x);
            }
        }
        m.put("brokerDatas", bs);
        m.put("filterServerTable", r.getFilterServerTable() == null ? null : new TreeMap<>(r.getFilterServerTable()));
        Map<String, Object> mp = null;
        if (r.getTopicQueueMappingByBroker() != null) {
            mp = new TreeMap<>();
            for (Map.Entry<String, TopicQueueMappingInfo> e : r.getTopicQueueMappingByBroker().entrySet())
                mp.put(e.getKey(), e.getValue() == null ? null : mappingView(e.getValue()));
        }
        m.put("topicQueueMappingByBroker", mp);
        return m;
    }

    static String exc(Throwable t) { return t.getClass().getName() + ": " + t.getMessage(); }

    public static void main(String[] a) throws Exception {
        File out = new File(a[0]);
        out.mkdirs();
        List<File> files = new ArrayList<>();
        for (int i = 1; i < a.length; i++) {
            File d = new File(a[i]);
            File[] fs = d.isDirectory() ? d.listFiles() : new File[] {d};
            Arrays.sort(fs);
            for (File f : fs) if (f.isFile()) files.add(f);
        }
        com.google.gson.Gson gson = new com.google.gson.GsonBuilder().disableHtmlEscaping().serializeNulls().create();
        try (PrintStream ps = new PrintStream(new File(out, "route.jsonl"), "UTF-8")) {
            int n = 0;
            for (File f : files) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", String.format("route_%06d", n++));
                m.put("file", f.getName());
                try {
                    TopicRouteData r = TopicRouteData.decode(Files.readAllBytes(f.toPath()), TopicRouteData.class);
                    m.put("java", "ok");
                    m.put("route", r == null ? null : view(r));
                } catch (Throwable t) {
                    m.put("java", exc(t));
                }
                ps.println(gson.toJson(m));
            }
            System.err.println("RouteView (5.3.3): " + n + " lines in " + out + "/route.jsonl");
        }
    }
}
