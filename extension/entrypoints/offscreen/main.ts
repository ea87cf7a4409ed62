import { serveMasterHost } from "../../lib/serve-master-host.ts";

serveMasterHost();
