// `npm run bench`: measured figures, printed (nothing is asserted).
import { benchOrderLoop } from "./order-loop";
import { benchCatalogSync } from "./catalog-sync";
import { benchEmailWindow } from "./email-window";

const only = process.argv[2];
if (!only || only === "orders") await benchOrderLoop();
if (!only || only === "catalog") await benchCatalogSync();
if (!only || only === "email") await benchEmailWindow();
process.exit(0);
