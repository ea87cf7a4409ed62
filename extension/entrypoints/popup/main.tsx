import { render } from "preact";

render(<p>Beam</p>, document.getElementById("app") as HTMLElement);
