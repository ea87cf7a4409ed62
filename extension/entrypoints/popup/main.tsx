import { render } from "preact";
import "../../assets/beam.css";
import "./popup.css";
import { App } from "./App.tsx";

render(<App />, document.getElementById("app") as HTMLElement);
