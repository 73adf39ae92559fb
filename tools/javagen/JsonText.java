// JSON text helpers the vector programs share (tools/javagen/run compiles this beside each one).
public final class JsonText {
    private JsonText() {}

    /** s as a JSON string literal, ASCII only (\\uXXXX for the rest); "null" for null. */
    public static String q(String s) {
        if (s == null) return "null";
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c < 0x20 || c > 0x7E) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.append('"').toString();
    }
}
