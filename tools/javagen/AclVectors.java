// RocketMQ 4.9.8's AclClientRPCHook on requests, for vectors/acl/: the ext fields and body
// going in, the content AclUtils signs and the Signature it adds.
// Usage: java AclVectors OUTDIR
import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.AclUtils;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.common.protocol.RequestCode;
import org.apache.rocketmq.common.protocol.header.SendMessageRequestHeader;
import org.apache.rocketmq.common.protocol.header.SendMessageRequestHeaderV2;
import org.apache.rocketmq.common.protocol.header.namesrv.GetRouteInfoRequestHeader;
import org.apache.rocketmq.remoting.CommandCustomHeader;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

public class AclVectors {
    static String q(String s) { return JsonText.q(s); }

    static String b64(byte[] b) { return b == null ? "null" : q(Base64.getEncoder().encodeToString(b)); }

    static void write(Path out, String name, int code, CommandCustomHeader header, Map<String, String> extra, byte[] body,
                      String ak, String sk, String token) throws Exception {
        RemotingCommand req = RemotingCommand.createRequestCommand(code, header);
        req.setBody(body);
        if (extra != null) for (Map.Entry<String, String> e : extra.entrySet()) req.addExtField(e.getKey(), e.getValue());
        req.makeCustomHeaderToNet();
        Map<String, String> before = req.getExtFields() == null ? new TreeMap<>() : new TreeMap<>(req.getExtFields());
        String exception = null;
        try {
            new AclClientRPCHook(new SessionCredentials(ak, sk, token)).doBeforeRequest("127.0.0.1:10911", req);
        } catch (Exception e) {
            exception = e.getClass().getName();
        }
        Map<String, String> after = req.getExtFields();
        byte[] content = AclUtils.combineRequestContent(req, new TreeMap<>(after));
        StringBuilder j = new StringBuilder("{\"source\":\"RocketMQ 4.9.8 AclClientRPCHook.doBeforeRequest\",");
        j.append("\"code\":").append(code).append(",\"ext_before\":{");
        boolean first = true;
        for (Map.Entry<String, String> e : before.entrySet()) {
            if (!first) j.append(',');
            first = false;
            j.append(q(e.getKey())).append(':').append(q(e.getValue()));
        }
        j.append("},\"body_b64\":").append(b64(body));
        j.append(",\"access_key\":").append(q(ak)).append(",\"secret_key\":").append(q(sk));
        j.append(",\"security_token\":").append(q(token));
        j.append(",\"content_b64\":").append(b64(content));
        j.append(",\"signature\":").append(q(after.get("Signature")));
        j.append(",\"exception\":").append(q(exception));
        j.append("}\n");
        Files.write(out.resolve(name + ".json"), j.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws Exception {
        Path out = Paths.get(args[0]);
        Files.createDirectories(out);
        SendMessageRequestHeader h = new SendMessageRequestHeader();
        h.setProducerGroup("acl_group");
        h.setTopic("AclTopic");
        h.setDefaultTopic("TBW102");
        h.setDefaultTopicQueueNums(4);
        h.setQueueId(1);
        h.setSysFlag(0);
        h.setBornTimestamp(1700000000000L);
        h.setFlag(0);
        h.setProperties("TAGS\u0001TagA\u0002KEYS\u0001k1\u0002");
        h.setReconsumeTimes(0);
        h.setUnitMode(false);
        h.setBatch(false);
        SendMessageRequestHeaderV2 v2 = SendMessageRequestHeaderV2.createSendMessageRequestHeaderV2(h);
        byte[] body = "Hello RocketMQ \u4e2d\u6587".getBytes(StandardCharsets.UTF_8);
        write(out, "send_v2_ak_sk", RequestCode.SEND_MESSAGE_V2, v2, null, body, "RocketMQ", "12345678", null);
        write(out, "send_v2_with_token", RequestCode.SEND_MESSAGE_V2, v2, null, body, "RocketMQ", "12345678", "token-xyz");
        write(out, "send_v1", RequestCode.SEND_MESSAGE, h, null, body, "ak_\u4e2d", "secret \u00e9", null);
        GetRouteInfoRequestHeader r = new GetRouteInfoRequestHeader();
        r.setTopic("AclTopic");
        write(out, "route_no_body", RequestCode.GET_ROUTEINFO_BY_TOPIC, r, null, null, "RocketMQ", "12345678", null);
        Map<String, String> extra = new HashMap<>();
        extra.put("zeta", "last");
        extra.put("Alpha", "upper-before-lower");
        extra.put("a", "x");
        write(out, "heartbeat_extra_fields", RequestCode.HEART_BEAT, null, extra, "{\"clientID\":\"c\"}".getBytes(StandardCharsets.UTF_8),
              "RocketMQ", "k", null);
        write(out, "empty_secret", RequestCode.HEART_BEAT, null, null, new byte[0], "RocketMQ", "", null);
    }
}
