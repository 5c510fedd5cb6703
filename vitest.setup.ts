// Integration tests run real services; their info logs (rescore finished, …) are noise in test output.
import { setLogLevel } from "./server/log";

setLogLevel("warn");
