import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "standards",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
  },
});
