import { render } from "preact";
import "../../assets/beam.css";
import "./options.css";
import { localizePage } from "../../lib/page-language.ts";
import { t } from "../../lib/strings.ts";
import { OptionsForm } from "./OptionsForm.tsx";

localizePage(t("optionsTitle"));

render(<OptionsForm />, document.getElementById("app") as HTMLElement);
