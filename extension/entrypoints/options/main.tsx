import { render } from "preact";
import "../../assets/beam.css";
import "./options.css";
import { OptionsForm } from "./OptionsForm.tsx";

render(<OptionsForm />, document.getElementById("app") as HTMLElement);
