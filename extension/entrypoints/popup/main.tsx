import { render } from "preact";
import "../../assets/beam.css";
import "./popup.css";
import { localizePage } from "../../lib/page-language.ts";
import { t } from "../../lib/strings.ts";
import { App } from "./App.tsx";

localizePage(t("appName"));

render(<App />, document.getElementById("app") as HTMLElement);
