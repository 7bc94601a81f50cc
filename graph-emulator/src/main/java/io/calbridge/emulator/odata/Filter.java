package io.calbridge.emulator.odata;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code $filter} subset the emulator understands, evaluated against the JSON form of an entity:
 * {@code eq ne gt ge lt le in}, {@code and or not}, parentheses, {@code startswith endswith contains},
 * and {@code any} lambdas (e.g. {@code singleValueExtendedProperties/Any(ep: ep/id eq '…' and ep/value eq '…')}).
 * String comparison ignores case, as the directory does. Anything else is a Graph-shaped 400 or 501.
 */
public final class Filter {
    /** An evaluable node of the filter tree. */
    public sealed interface Expr permits Logical, Not, Compare, In, Call, Any {}
    record Logical(boolean and, Expr left, Expr right) implements Expr {}
    record Not(Expr inner) implements Expr {}
    record Compare(String op, String path, Object literal) implements Expr {}
    record In(String path, List<Object> values) implements Expr {}
    record Call(String fn, String path, String arg) implements Expr {}
    record Any(String path, String var, Expr body) implements Expr {}

    private static final Object NULL = new Object();
    private final Expr root;

    private Filter(Expr root) { this.root = root; }

    public static Filter parse(String text) {
        Parser p = new Parser(tokenize(text));
        Expr e = p.or();
        if (p.pos != p.tokens.size()) throw invalid(text);
        return new Filter(e);
    }

    public boolean test(JsonNode entity) {
        return eval(root, entity, new HashMap<>());
    }

    private static boolean eval(Expr e, JsonNode self, Map<String, JsonNode> vars) {
        return switch (e) {
            case Logical l -> l.and()
                    ? eval(l.left(), self, vars) && eval(l.right(), self, vars)
                    : eval(l.left(), self, vars) || eval(l.right(), self, vars);
            case Not n -> !eval(n.inner(), self, vars);
            case Compare c -> compare(c.op(), resolve(c.path(), self, vars), c.literal());
            case In in -> in.values().stream().anyMatch(v -> compare("eq", resolve(in.path(), self, vars), v));
            case Call c -> {
                JsonNode v = resolve(c.path(), self, vars);
                if (v == null || !v.isValueNode() || v.isNull()) yield false;
                String s = v.asText().toLowerCase(Locale.ROOT);
                String a = c.arg().toLowerCase(Locale.ROOT);
                yield switch (c.fn()) {
                    case "startswith" -> s.startsWith(a);
                    case "endswith" -> s.endsWith(a);
                    default -> s.contains(a);
                };
            }
            case Any a -> {
                JsonNode arr = resolve(a.path(), self, vars);
                if (arr == null || !arr.isArray()) yield false;
                for (JsonNode item : arr) {
                    Map<String, JsonNode> inner = new HashMap<>(vars);
                    inner.put(a.var(), item);
                    if (eval(a.body(), self, inner)) yield true;
                }
                yield false;
            }
        };
    }

    private static @Nullable JsonNode resolve(String path, JsonNode self, Map<String, JsonNode> vars) {
        String[] parts = path.split("/");
        JsonNode cur = self;
        int i = 0;
        if (vars.containsKey(parts[0])) {
            cur = vars.get(parts[0]);
            i = 1;
        }
        for (; i < parts.length && cur != null; i++) {
            cur = getIgnoreCase(cur, parts[i]);
        }
        return cur;
    }

    private static @Nullable JsonNode getIgnoreCase(JsonNode node, String name) {
        JsonNode direct = node.get(name);
        if (direct != null) return direct;
        var it = node.fieldNames();
        while (it.hasNext()) {
            String f = it.next();
            if (f.equalsIgnoreCase(name)) return node.get(f);
        }
        return null;
    }

    private static boolean compare(String op, @Nullable JsonNode v, Object lit) {
        if (lit == NULL) {
            boolean isNull = v == null || v.isNull();
            return op.equals("eq") == isNull;
        }
        if (v == null || v.isNull() || v.isContainerNode()) return op.equals("ne");
        int cmp;
        if (lit instanceof Number n && v.isNumber()) {
            cmp = Double.compare(v.asDouble(), n.doubleValue());
        } else if (lit instanceof Boolean b) {
            cmp = v.asBoolean() == b ? 0 : 1;
        } else if (lit instanceof Instant t) {
            cmp = Json.instant(v.asText()).compareTo(t);
        } else {
            cmp = v.asText().compareToIgnoreCase(String.valueOf(lit));
        }
        return switch (op) {
            case "eq" -> cmp == 0;
            case "ne" -> cmp != 0;
            case "gt" -> cmp > 0;
            case "ge" -> cmp >= 0;
            case "lt" -> cmp < 0;
            default -> cmp <= 0;
        };
    }

    private static GraphException invalid(String text) {
        return new GraphException(400, "BadRequest", "Invalid filter clause: " + text);
    }

    // --- tokenizer and recursive-descent parser -------------------------------------------------

    private record Tok(char kind, String text) {} // kind: s=string, w=word, n=number, p=punctuation

    private static List<Tok> tokenize(String s) {
        List<Tok> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) { i++; continue; }
            if (c == '\'') {
                StringBuilder b = new StringBuilder();
                i++;
                while (true) {
                    if (i >= s.length()) throw invalid(s);
                    char d = s.charAt(i);
                    if (d == '\'') {
                        if (i + 1 < s.length() && s.charAt(i + 1) == '\'') { b.append('\''); i += 2; continue; }
                        i++;
                        break;
                    }
                    b.append(d);
                    i++;
                }
                out.add(new Tok('s', b.toString()));
            } else if ("(),:".indexOf(c) >= 0) {
                out.add(new Tok('p', String.valueOf(c)));
                i++;
            } else {
                int j = i;
                while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && "(),:'".indexOf(s.charAt(j)) < 0) j++;
                String w = s.substring(i, j);
                out.add(new Tok(Character.isDigit(w.charAt(0)) || w.charAt(0) == '-' ? 'n' : 'w', w));
                i = j;
            }
        }
        return out;
    }

    private static final class Parser {
        final List<Tok> tokens;
        int pos;

        Parser(List<Tok> tokens) { this.tokens = tokens; }

        @Nullable Tok peek() { return pos < tokens.size() ? tokens.get(pos) : null; }
        Tok next() {
            if (pos >= tokens.size()) throw invalid("unexpected end of expression");
            return tokens.get(pos++);
        }
        boolean word(String w) {
            Tok t = peek();
            if (t != null && t.kind() == 'w' && t.text().equalsIgnoreCase(w)) { pos++; return true; }
            return false;
        }
        void punct(String p) {
            Tok t = next();
            if (t.kind() != 'p' || !t.text().equals(p)) throw invalid("expected '" + p + "' near '" + t.text() + "'");
        }

        Expr or() {
            Expr e = and();
            while (word("or")) e = new Logical(false, e, and());
            return e;
        }
        Expr and() {
            Expr e = unary();
            while (word("and")) e = new Logical(true, e, unary());
            return e;
        }
        Expr unary() {
            if (word("not")) return new Not(unary());
            Tok t = next();
            if (t.kind() == 'p' && t.text().equals("(")) {
                Expr e = or();
                punct(")");
                return e;
            }
            if (t.kind() != 'w') throw invalid("unexpected '" + t.text() + "'");
            Tok after = peek();
            if (after != null && after.kind() == 'p' && after.text().equals("(")) {
                String name = t.text();
                int slash = name.lastIndexOf('/');
                if (slash > 0 && name.substring(slash + 1).equalsIgnoreCase("any")) {
                    pos++;
                    String var = next().text();
                    punct(":");
                    Expr body = or();
                    punct(")");
                    return new Any(name.substring(0, slash), var, body);
                }
                String fn = name.toLowerCase(Locale.ROOT);
                if (!fn.equals("startswith") && !fn.equals("endswith") && !fn.equals("contains")) {
                    throw GraphException.notImplemented("the $filter function '" + name + "'");
                }
                pos++;
                String path = next().text();
                punct(",");
                Tok arg = next();
                if (arg.kind() != 's') throw invalid(fn + " needs a string argument");
                punct(")");
                return new Call(fn, path, arg.text());
            }
            String path = t.text();
            Tok op = next();
            String o = op.text().toLowerCase(Locale.ROOT);
            if (o.equals("in")) {
                punct("(");
                List<Object> values = new ArrayList<>();
                values.add(literal(next()));
                while (peek() != null && peek().text().equals(",")) { pos++; values.add(literal(next())); }
                punct(")");
                return new In(path, values);
            }
            if (!List.of("eq", "ne", "gt", "ge", "lt", "le").contains(o)) {
                throw GraphException.notImplemented("the $filter operator '" + op.text() + "'");
            }
            return new Compare(o, path, literal(next()));
        }

        Object literal(Tok t) {
            return switch (t.kind()) {
                case 's' -> t.text();
                case 'n' -> {
                    if (t.text().length() > 10 && t.text().contains("T")) yield Json.instant(t.text());
                    try { yield Double.parseDouble(t.text()); } catch (NumberFormatException e) { throw invalid(t.text()); }
                }
                case 'w' -> switch (t.text().toLowerCase(Locale.ROOT)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    case "null" -> NULL;
                    default -> throw invalid(t.text());
                };
                default -> throw invalid(t.text());
            };
        }
    }
}
