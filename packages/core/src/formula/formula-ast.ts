/**
 * The syntax tree of a parsed formula. Trees are shared through the parse cache, so they are read-only.
 *
 * Every node has `pos`, the 0-based offset of its operator, name or number in the formula text, for messages.
 * Names are lower-cased (openLCA compares parameter and function names case-insensitively); aliases of
 * functions are resolved to one canonical name (`iif` → `if`, `log10` → `log`, `power` → `pow`, …).
 */
export type FormulaNode = NumberNode | VariableNode | UnaryNode | BinaryNode | CallNode;

export interface NumberNode {
  readonly kind: 'number';
  readonly value: number;
  readonly pos: number;
}

export interface VariableNode {
  readonly kind: 'variable';
  /** Lower-cased. Also `pi`, `e`, `true`, `false`: constants unless a parameter of that name shadows them. */
  readonly name: string;
  readonly pos: number;
}

export type UnaryOperator = '-' | 'not';

export interface UnaryNode {
  readonly kind: 'unary';
  readonly op: UnaryOperator;
  readonly operand: FormulaNode;
  readonly pos: number;
}

/**
 * Spellings are normalised: `==` → `=`, `!=` → `<>`, `&&` `&` `and` → `and`, `||` `|` `or` → `or`.
 * `mod` is the remainder with the sign of the dividend; `div` divides the rounded operands and truncates,
 * both as in openLCA.
 */
export type BinaryOperator =
  '+' | '-' | '*' | '/' | '^' | 'mod' | 'div' | '=' | '<>' | '<' | '<=' | '>' | '>=' | 'and' | 'or' | 'xor';

export interface BinaryNode {
  readonly kind: 'binary';
  readonly op: BinaryOperator;
  readonly left: FormulaNode;
  readonly right: FormulaNode;
  readonly pos: number;
}

export interface CallNode {
  readonly kind: 'call';
  /** Canonical lower-case name of a known function; unknown functions are rejected by the parser. */
  readonly name: string;
  readonly args: readonly FormulaNode[];
  readonly pos: number;
}

/** A parsed formula: its text, tree and the lower-cased names it references, in order of first use. */
export interface FormulaAst {
  readonly text: string;
  readonly root: FormulaNode;
  readonly variables: readonly string[];
}
