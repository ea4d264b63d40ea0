import tseslint from "typescript-eslint";

const noClockOrRandom = [
  {
    selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
    message: "Use the seeded PRNG in src/core/rng.ts, never Math.random.",
  },
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: "No wall-clock reads in the library; time is simulation time.",
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: "No wall-clock reads in the library; time is simulation time.",
  },
];

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "out/**",
      "coverage/**",
      "**/*.js",
      "!eslint.config.js",
      "**/*.tmp.ts",
      "**/.*-tmp.ts",
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ["src/**/*.ts"],
    ignores: ["src/cli/**", "src/node/**", "src/**/*.test.ts"],
    rules: {
      "no-restricted-syntax": ["error", ...noClockOrRandom],
      "no-restricted-imports": [
        "error",
        { patterns: [{ regex: "^node:", message: "Library core must run in a browser." }] },
      ],
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
);
