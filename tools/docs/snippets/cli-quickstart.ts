import { processIo, run } from "@keyway/cli";

const argv = ["explain", "sgate", "--key", "zS83UNCPhVTqBxDHACJ30sImZRKAlzQI", "--timestamp", "1672991487"];
const url = "https://sandbox.sgate.sa/api_v1/merchants/M448726";
process.exitCode = await run([...argv, "--json", "GET", url], {
  ...processIo(),
  env: { KEYWAY_SGATE_SECRET: "your secret" },
});
