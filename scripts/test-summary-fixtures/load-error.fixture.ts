throw new Error("this file cannot load");
