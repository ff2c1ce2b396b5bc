// Characters, places, props: added, attached, renamed, removed.
import { type Example, MIA, removeAsset, set, upsertAsset } from "../examples";

export const EXAMPLES: Example[] = [
  {
    board: "coffee",
    say: "add a character Leo, a delivery cyclist, to shots 3 and 4",
    change: [
      upsertAsset({ id: "leo", kind: "character", name: "Leo", description: "a delivery cyclist", prompt: "Leo, delivery cyclist" }),
      set("f3", { assets: ["mia", "cup", "cafe", "leo"] }),
      set("f4", { assets: ["mia", "cafe", "leo"] }),
    ],
  },
  { board: "coffee", say: "put Mia in shot 1", change: [set("f1", { assets: ["cafe", "look", "mia"] })] },
  { board: "coffee", say: "take Mia out of shot 2", change: [set("f2", { assets: ["cafe", "look"] })] },
  {
    board: "coffee",
    say: "rename Mia to Ana",
    change: [
      upsertAsset({ ...MIA, name: "Ana", prompt: "Ana, woman in her 30s, green canvas apron" }),
      set("f2", { title: "Ana opens up", action: "Ana flips the sign to OPEN.", prompt: "Ana flipping the door sign" }),
      set("f3", { action: "Close on Ana's hands pouring milk into the cup." }),
      set("f4", { dialogue: "Ana: Evening. The usual?" }),
      set("f6", { action: "Ana looks into camera.", prompt: "Ana looking into camera", dialogue: "Ana: We're open till late." }),
    ],
    script: { has: ["ANA wipes the counter."], lacks: ["Mia"] },
  },
  { board: "coffee", say: "remove the cup", change: [removeAsset("cup")], says: ["Removed The cup (prop) from the cast and from shots 3 and 5."] },
  {
    board: "coffee",
    say: "add a prop: a red umbrella, in shot 4",
    change: [
      upsertAsset({ id: "red-umbrella", kind: "prop", name: "Red umbrella", description: "", prompt: "red umbrella" }),
      set("f4", { assets: ["mia", "cafe", "red-umbrella"] }),
    ],
  },
  {
    board: "coffee",
    say: "add a location: the rooftop",
    change: [upsertAsset({ id: "rooftop", kind: "location", name: "Rooftop", description: "", prompt: "rooftop" })],
  },
  {
    board: "coffee",
    say: "remove the umbrella",
    notDone: ['"remove the umbrella": there is no shot, character, location or prop called "umbrella" on the board'],
  },
  // A name ends at a colon, a dash, a comma or "who is"; the rest describes them.
  {
    board: "empty",
    say: "add a character Mia: the barista, warm and unhurried",
    change: [
      upsertAsset({ id: "mia", kind: "character", name: "Mia", description: "the barista, warm and unhurried", prompt: "Mia, barista, warm and unhurried" }),
    ],
  },
  {
    board: "empty",
    say: "add a character Mia - the barista",
    change: [upsertAsset({ id: "mia", kind: "character", name: "Mia", description: "the barista", prompt: "Mia, barista" })],
  },
  {
    board: "empty",
    say: "add a character Mia, who is the barista",
    change: [upsertAsset({ id: "mia", kind: "character", name: "Mia", description: "the barista", prompt: "Mia, barista" })],
  },
  {
    board: "empty",
    say: "add a character Mia who is the barista",
    change: [upsertAsset({ id: "mia", kind: "character", name: "Mia", description: "the barista", prompt: "Mia, barista" })],
  },
  {
    board: "coffee",
    say: "add a character Leo — a delivery cyclist",
    change: [upsertAsset({ id: "leo", kind: "character", name: "Leo", description: "a delivery cyclist", prompt: "Leo, delivery cyclist" })],
  },
  {
    board: "coffee",
    say: "add a prop: a blue umbrella",
    change: [upsertAsset({ id: "blue-umbrella", kind: "prop", name: "Blue umbrella", description: "", prompt: "blue umbrella" })],
  },
  { board: "coffee", say: "put Mia in the first shot", change: [set("f1", { assets: ["cafe", "look", "mia"] })] },
  { board: "coffee", say: "take Mia out of the last shot", change: [set("f6", { assets: ["cafe", "look"] })] },
  {
    board: "coffee",
    say: "put the cup in shots 1 and 2",
    change: [set("f1", { assets: ["cafe", "look", "cup"] }), set("f2", { assets: ["mia", "cafe", "look", "cup"] })],
  },
  { board: "coffee", say: "remove Mia", change: [removeAsset("mia")], says: ["Removed Mia (character) from the cast and from shots 2, 3, 4 and 6."] },
  { board: "coffee", say: "add a character", change: "refuses", notDone: ["tell me the character's name"] },
  { board: "coffee", say: "put Mia in the one with the sign", says: ["Mia was already in shot 2."] },
  { board: "labelled", say: "take Mia out of the one with the cup", change: [set("f3", { assets: ["cup", "cafe"] })] },
  {
    board: "empty",
    say: "add a character named Ana: the owner",
    change: [upsertAsset({ id: "ana", kind: "character", name: "Ana", description: "the owner", prompt: "Ana, owner" })],
  },
  {
    board: "empty",
    say: "add a character Ana (the owner)",
    change: [upsertAsset({ id: "ana", kind: "character", name: "Ana", description: "the owner", prompt: "Ana, owner" })],
  },
];
