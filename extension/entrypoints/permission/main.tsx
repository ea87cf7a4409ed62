import { render } from "preact";
import "../../assets/beam.css";
import "./permission.css";
import { localizePage } from "../../lib/page-language.ts";
import { t } from "../../lib/strings.ts";
import { PermissionRequest } from "./PermissionRequest.tsx";

localizePage(t("permissionPageTitle"));

render(<PermissionRequest />, document.getElementById("app") as HTMLElement);
