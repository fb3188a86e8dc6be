/** Boot: nothing to preload (every shape is drawn), so it hands straight over to the table. */
import { Scene } from "phaser";

export class Boot extends Scene {
  constructor() {
    super("Boot");
  }

  create(): void {
    this.scene.start("Table", this.registry.get("tableData"));
  }
}
