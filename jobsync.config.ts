import { defineConfig } from "jobsync";

export default defineConfig({ manifests: "manifests" });
