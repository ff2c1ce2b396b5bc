// Storybook for the SPA's components in isolation (npm run storybook).
import type { StorybookConfig } from "storybook-solidjs-vite";

const config: StorybookConfig = {
  framework: { name: "storybook-solidjs-vite", options: {} },
  stories: ["../web/src/**/*.stories.tsx"],
};
export default config;
