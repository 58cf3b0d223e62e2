// `npm run bench`: measured figures, printed (nothing is asserted).
import { benchOrderLoop } from "./order-loop";

const only = process.argv[2];
if (!only || only === "orders") await benchOrderLoop();
process.exit(0);
