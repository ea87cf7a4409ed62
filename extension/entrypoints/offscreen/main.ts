import { serveMaster } from "../../lib/master-endpoint.ts";

serveMaster();
