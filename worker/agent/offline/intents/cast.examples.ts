// Characters, places, props: added, attached, renamed, removed.
import { type Example, MIA, removeAsset, set, upsertAsset } from "../examples";

export const EXAMPLES: Example[] = [
  {
    board: "coffee",
    say: "add a character Leo, a delivery cyclist, to shots 3 and 4",
    then: [
      upsertAsset({ id: "leo", kind: "character", name: "Leo", description: "a delivery cyclist", prompt: "Leo, delivery cyclist" }),
      set("f3", { assets: ["mia", "cup", "cafe", "leo"] }),
      set("f4", { assets: ["mia", "cafe", "leo"] }),
    ],
  },
  { board: "coffee", say: "put Mia in shot 1", then: [set("f1", { assets: ["cafe", "look", "mia"] })] },
  { board: "coffee", say: "take Mia out of shot 2", then: [set("f2", { assets: ["cafe", "look"] })] },
  {
    board: "coffee",
    say: "rename Mia to Ana",
    then: [
      upsertAsset({ ...MIA, name: "Ana", prompt: "Ana, woman in her 30s, green canvas apron" }),
      set("f2", { title: "Ana opens up", action: "Ana flips the sign to OPEN.", prompt: "Ana flipping the door sign" }),
      set("f3", { action: "Close on Ana's hands pouring milk into the cup." }),
      set("f4", { dialogue: "Ana: Evening. The usual?" }),
      set("f6", { action: "Ana looks into camera.", prompt: "Ana looking into camera", dialogue: "Ana: We're open till late." }),
    ],
    script: { has: ["ANA wipes the counter."], lacks: ["Mia"] },
  },
  { board: "coffee", say: "remove the cup", then: [removeAsset("cup")], says: ["Removed The cup (prop) from the cast and from shots 3 and 5."] },
  {
    board: "coffee",
    say: "add a prop: a red umbrella, in shot 4",
    then: [
      upsertAsset({ id: "red-umbrella", kind: "prop", name: "Red umbrella", description: "", prompt: "red umbrella" }),
      set("f4", { assets: ["mia", "cafe", "red-umbrella"] }),
    ],
  },
  {
    board: "coffee",
    say: "add a location: the rooftop",
    then: [upsertAsset({ id: "rooftop", kind: "location", name: "Rooftop", description: "", prompt: "rooftop" })],
  },
  {
    board: "coffee",
    say: "remove the umbrella",
    notDone: ['"remove the umbrella": there is no shot, character, location or prop called "umbrella" on the board'],
  },
];
