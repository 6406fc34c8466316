import Expr
import Testing

/// expr's run-time semantics, one behaviour per row: the result as Go's `%T %v`, or the error.
@Suite struct EvaluationTests {
  static let environment = Environment([
    ("i", .int(1)),
    ("f", .float(0.5)),
    ("s", .string("str")),
    ("v", .floats([0.97, .nan])),
    ("empty", .floats([])),
    ("n", .null),
    ("arr", .list([1, 2, 3, 4, 5].map { .int($0) }, element: .int)),
    ("m", .map(["a": .float(1), "s": .string("healthy"), "nested": .map(["x": .bool(true)])])),
    ("items", .list([.map(["ok": .bool(true)]), .map(["ok": .bool(false)])])),
  ])

  static func evaluate(_ expression: String) -> String {
    do {
      let program = try Program.compile(expression, environment: environment)
      let value = try program.run(environment)
      return "\(value.goTypeName) \(GoFormat.value(value))"
    } catch {
      return "\(error.stage == .runtime ? "runtime" : "compile") error: \(error.message)"
    }
  }

  @Test(arguments: [
    // int vs float arithmetic
    ("1 + 1", "int 2"),
    ("1 + 1.5", "float64 2.5"),
    ("7 / 2", "float64 3.5"),
    ("i / 0", "float64 +Inf"),
    ("7 % 2", "int 1"),
    ("-7 % 2", "int -1"),
    ("i % 0", "runtime error: runtime error: integer divide by zero"),
    ("1 % 0", "compile error: integer divide by zero"),
    ("f % 2", "compile error: invalid operation: % (mismatched types float64 and int)"),
    ("2 ** 3", "float64 8"),
    ("2 ^ 0.5", "float64 1.4142135623730951"),
    ("9223372036854775807 + i", "int -9223372036854775808"),
    ("-i", "int -1"),
    ("-'a'", "compile error: invalid operation: - (mismatched type string)"),
    // comparisons, NaN, equality across types
    ("v[1] > 0", "bool false"),
    ("v[1] < 0", "bool false"),
    ("v[1] == v[1]", "bool false"),
    ("v[1] != v[1]", "bool true"),
    ("1 == 1.0", "bool true"),
    ("i == f * 2", "bool true"),
    ("'a' == 1", "compile error: invalid operation: == (mismatched types string and int)"),
    ("'a' < 'b'", "bool true"),
    ("1 < 2 < 3", "bool true"),
    ("arr == [1, 2, 3, 4, 5]", "bool true"),
    ("{a: 1} == {a: 1.0}", "bool false"),
    // nil
    ("n == nil", "bool true"),
    ("n ?? 5", "int 5"),
    ("i ?? 5", "int 1"),
    ("nil < 1", "compile error: invalid operation: < (mismatched types unknown and int)"),
    ("m.missing", "<nil> <nil>"),
    ("m.missing == nil", "bool true"),
    ("m.missing < 1", "runtime error: invalid operation: <nil> < int"),
    ("m.missing?.x", "<nil> <nil>"),
    ("m.missing.x", "runtime error: cannot fetch x from <nil>"),
    ("m.missing?.x.y", "<nil> <nil>"),
    ("m.missing?.[0]", "<nil> <nil>"),
    ("m.missing?.x ?? 'd'", "string d"),
    ("m?.nested.x", "bool true"),
    ("$env.i + 1", "int 2"),
    ("'i' in $env", "bool true"),
    ("$env['nothing']", "compile error: unknown name nothing"),
    ("$env?.nothing", "<nil> <nil>"),
    ("m.nested.x", "bool true"),
    ("m['s']", "string healthy"),
    ("!m.missing", "runtime error: interface conversion: interface {} is nil, not bool"),
    ("m.missing && i > 0", "runtime error: interface conversion: interface {} is nil, not bool"),
    // expr folds `x && true` to `x`, so this is nil, not an error.
    ("m.missing && true", "<nil> <nil>"),
    ("m.missing && false", "bool false"),
    // indexing and slicing
    ("v[0]", "float64 0.97"),
    ("arr[-1]", "int 5"),
    ("arr[5]", "runtime error: index out of range: 5 (array length is 5)"),
    ("arr[-6]", "runtime error: index out of range: -1 (array length is 5)"),
    ("empty[0]", "runtime error: index out of range: 0 (array length is 0)"),
    ("arr[1:3]", "[]int [2 3]"),
    ("arr[-2:]", "[]int [4 5]"),
    ("arr[3:1]", "[]int []"),
    ("arr[:]", "[]int [1 2 3 4 5]"),
    ("s[1:]", "string tr"),
    ("s[0]", "compile error: type string[int] is undefined"),
    ("i.x", "compile error: type int has no field x"),
    ("v.x", "compile error: array elements can only be selected using an integer (got string)"),
    ("v['a':]", "compile error: non-integer slice index string"),
    // strings and membership
    ("s contains 't'", "bool true"),
    ("s startsWith 'st'", "bool true"),
    ("s endsWith 'r'", "bool true"),
    ("s matches '^s.r$'", "bool true"),
    ("s matches '('", "compile error: error parsing regexp: missing closing ): `(`"),
    ("m.s matches 'heal'", "bool true"),
    ("m.a matches 'x'", "runtime error: interface conversion: interface {} is float64, not []uint8"),
    ("s + '!'", "string str!"),
    ("2 in arr", "bool true"),
    ("2.0 in arr", "bool true"),
    ("'a' in m", "bool true"),
    ("'x' not in m", "bool true"),
    ("s in ['str', 'x']", "bool true"),
    ("m.a in ['str', 'x']", "runtime error: reflect.Value.MapIndex: value of type float64 is not assignable to type string"),
    ("1..3", "[]int [1 2 3]"),
    ("3..1", "[]int []"),
    ("2 in 1..3", "bool true"),
    ("1..2000000", "runtime error: memory budget exceeded"),
    // conditional, variables
    ("i > 0 ? 'yes' : 'no'", "string yes"),
    ("i ? 1 : 2", "compile error: non-bool expression (type int) used as condition"),
    ("let x = 2; x * x", "int 4"),
    // predicates
    ("all(arr, # > 0)", "bool true"),
    ("any(arr, # > 4)", "bool true"),
    ("none(arr, # > 5)", "bool true"),
    ("one(arr, # == 2)", "bool true"),
    ("filter(arr, # % 2 == 0)", "[]interface {} [2 4]"),
    ("map(arr, # * 2)", "[]interface {} [2 4 6 8 10]"),
    ("map(arr, #index)", "[]interface {} [0 1 2 3 4]"),
    ("count(arr, # > 2)", "int 3"),
    ("find(arr, # > 3)", "int 4"),
    ("findIndex(arr, # > 3)", "int 3"),
    ("findLast(arr, # < 3)", "int 2"),
    ("findLastIndex(arr, # < 3)", "int 1"),
    ("find(arr, # > 9)", "<nil> <nil>"),
    // expr rewrites these (filterFirst, filterLast, countAny): same values, different failures.
    ("filter(arr, # > 9)[0]", "runtime error: reflect: slice index out of range"),
    ("filter(arr, # > 3)[-1]", "int 5"),
    ("(filter(arr, # > 9))[1]", "runtime error: index out of range: 1 (array length is 0)"),
    ("count(items, .ok) > 0", "bool true"),
    ("count([true, 1], #) > 0", "bool true"),
    ("count([true, 1], #) > 1", "runtime error: interface conversion: interface {} is int, not bool"),
    ("count([true, true, 1], #) >= 2", "bool true"),
    ("all(arr, # > 0) && all(arr, # < 9)", "bool true"),
    ("any(arr, # > 4) || any(arr, # < 0)", "bool true"),
    ("none(arr, # > 5) && none(arr, # < 1)", "bool true"),
    // Combined, the second predicate fails on the first element before the first one turns false.
    ("all(items, .ok) && all(items, .missing)", "runtime error: interface conversion: interface {} is nil, not bool"),
    ("sum(arr)", "int 15"),
    // expr's sumRange computes these at compile time, beyond the memory budget.
    ("sum(1..2000000)", "int 2000001000000"),
    ("sum(1..10, # * 2)", "int 110"),
    ("sum(1..10, 100 - #)", "int 945"),
    ("reduce(1..4, #acc + #, 10)", "int 20"),
    ("sum(arr, # * 0.5)", "float64 7.5"),
    ("reduce(arr, #acc + #)", "int 15"),
    ("reduce(arr, #acc + #, 10)", "int 25"),
    ("all(items, .ok)", "bool false"),
    ("any(items, {.ok})", "bool true"),
    ("all(v, # > 0.9)", "bool false"),
    ("all(arr, 1)", "compile error: predicate should return boolean (got int)"),
    ("all(f, # > 0)", "compile error: builtin all takes only array (got float64)"),
    ("all(m.missing, # > 0)", "runtime error: reflect: call of reflect.Value.Len on zero Value"),
    ("all(items, .missing)", "runtime error: interface conversion: interface {} is nil, not bool"),
    // builtins
    ("len(arr)", "int 5"),
    ("len('héllo')", "int 5"),
    ("len(i)", "compile error: invalid argument for len (type int)"),
    ("max(arr)", "int 5"),
    ("max(v)", "float64 0.97"),
    ("max(empty)", "<nil> <nil>"),
    ("min(1, 2.5)", "int 1"),
    ("mean(arr)", "float64 3"),
    ("median([1, 3, 2, 4])", "float64 2.5"),
    ("abs(-2)", "int 2"),
    ("ceil(1.2)", "float64 2"),
    ("floor(-1.2)", "float64 -2"),
    ("round(2.5)", "float64 3"),
    ("int(2.9)", "int 2"),
    ("int('42')", "int 42"),
    ("int('x')", "runtime error: invalid operation: int(x)"),
    ("float('1.5')", "float64 1.5"),
    ("string(1000000.0)", "string 1e+06"),
    ("string(m.nested)", "string map[x:true]"),
    ("first(arr)", "int 1"),
    ("last(arr)", "int 5"),
    ("first(empty)", "<nil> <nil>"),
    ("get(arr, 9)", "<nil> <nil>"),
    ("upper('abc') + lower('DEF')", "string ABCdef"),
    ("trim('  a ')", "string a"),
    ("split('a,b', ',')", "[]string [a b]"),
    ("join(['a', 'b'], '-')", "string a-b"),
    ("replace('aXbXc', 'X', '-')", "string a-b-c"),
    ("replace('abc', '', '-')", "string -a-b-c-"),
    ("replace('aaa', 'a', 'b', 2)", "string bba"),
    ("split('a,b,c', ',', 2)", "[]string [a b,c]"),
    ("splitAfter('a,b', ',')", "[]string [a, b]"),
    ("split('héllo', '')", "[]string [h é l l o]"),
    ("indexOf('hello', 'l')", "int 2"),
    ("lastIndexOf('hello', 'l')", "int 3"),
    ("s contains ''", "bool true"),
    ("keys(m)", "[]interface {} [a nested s]"),
    ("type(f)", "string float"),
    ("toJSON({b: 1, a: [true]})", "string {\n  \"a\": [\n    true\n  ],\n  \"b\": 1\n}"),
    ("fromJSON('{\"a\": [1, 2]}').a[1]", "float64 2"),
    ("sort([3, 1, 2])", "[]interface {} [1 2 3]"),
    ("sortBy(items, .ok ? 1 : 0)", "[]interface {} [map[ok:false] map[ok:true]]"),
    ("foo(1)", "compile error: unknown name foo"),
    ("now()", "compile error: now() is not supported by rollout-sim (time values are not modelled)"),
  ])
  func semantics(expression: String, expected: String) {
    #expect(Self.evaluate(expression) == expected)
  }

  /// Checker errors point at the offending node, rendered like expr's `file.Error`.
  @Test(arguments: [
    ("result < 0.5", "invalid operation: < (mismatched types []float64 and float64) (1:8)\n | result < 0.5\n | .......^"),
    ("len(result) > 0 &&\n  result.ok", "array elements can only be selected using an integer (got string) (2:10)\n |   result.ok\n | .........^"),
    ("isNaN(result)", "cannot use []float64 as argument (type float64) to call isNaN  (1:7)\n | isNaN(result)\n | ......^"),
  ])
  func checkerErrorsRender(expression: String, rendered: String) {
    let environment = Environment([
      ("result", .floats([0.5])),
      (
        "isNaN",
        .function(
          FunctionValue(name: "isNaN", type: FunctionType(parameters: [.float], results: [.bool])) { (_, _) in
            .bool(false)
          })
      ),
    ])
    do {
      _ = try Program.compile(expression, environment: environment)
      Issue.record("`\(expression)` compiled")
    } catch {
      #expect(error.stage == .type)
      #expect(error.description == rendered)
    }
  }

  @Test func runtimeErrorsPointAtTheFailingNode() throws {
    let program = try Program.compile("len(empty) >= 0 && empty[0] > 1", environment: Self.environment)
    do {
      _ = try program.run(Self.environment)
      Issue.record("indexing an empty vector succeeded")
    } catch {
      #expect(error.description == "index out of range: 0 (array length is 0) (1:25)\n | len(empty) >= 0 && empty[0] > 1\n | ........................^")
    }
  }

  @Test func programsAreReusableAcrossEnvironments() throws {
    let program = try Program.compile("result[0] <= 0.05", environment: Environment([("result", .floats([0]))]))
    let first = try program.run(Environment([("result", .floats([0.01]))]))
    let second = try program.run(Environment([("other", .int(1)), ("result", .floats([0.5]))]))
    #expect(GoFormat.value(first) == "true")
    #expect(GoFormat.value(second) == "false")
  }
}

