import { render } from "preact";
import "../../assets/beam.css";
import "./permission.css";
import { PermissionRequest } from "./PermissionRequest.tsx";

render(<PermissionRequest />, document.getElementById("app") as HTMLElement);
