// New shots described in words, anywhere on the board.
import { type Example, add, set } from "../examples";

export const EXAMPLES: Example[] = [
  {
    board: "coffee",
    say: "make shot 3 a close-up and add a shot of the barista smiling at the end",
    change: [
      set("f3", { camera: "CU, overhead" }),
      add("end", {
        id: "f7",
        beat: "b3",
        title: "The barista smiling",
        camera: "CU",
        duration: 3,
        action: "The barista smiling.",
        prompt: "The barista smiling",
        assets: ["mia", "cafe", "look"],
      }),
    ],
    says: ['Shot 3 "The pour": camera CU, overhead (was INSERT, overhead).', 'Added shot 7 at the end: "The barista smiling"'],
  },
  {
    board: "coffee",
    say: "add a shot after 2: the barista smiling at a customer",
    change: [
      add("f2", {
        id: "f7",
        beat: "b1",
        title: "The barista smiling at a customer",
        camera: "MS",
        duration: 3,
        action: "The barista smiling at a customer.",
        prompt: "The barista smiling at a customer",
        assets: ["mia", "cafe", "look"],
      }),
    ],
    says: ['Added shot 3 after shot 2: "The barista smiling at a customer"'],
  },
  {
    board: "coffee",
    say: "add a shot at the start: rain on the cafe window",
    change: [
      add(null, {
        id: "f7",
        beat: "b1",
        title: "Rain on the cafe window",
        camera: "MS",
        duration: 3,
        action: "Rain on the cafe window.",
        prompt: "Rain on the cafe window",
        assets: ["cafe", "look"],
      }),
    ],
  },
  {
    board: "coffee",
    say: "add a close-up of Mia's hands before shot 3",
    change: [
      add("f2", {
        id: "f7",
        beat: "b2",
        title: "Mia's hands",
        camera: "CU",
        duration: 3,
        action: "Mia's hands.",
        prompt: "Mia's hands",
        assets: ["mia", "cafe"],
      }),
    ],
  },
  {
    board: "coffee",
    say: "add a 4-second wide shot of the street after shot 1",
    change: [
      add("f1", {
        id: "f7",
        beat: "b1",
        title: "The street",
        camera: "WS",
        duration: 4,
        action: "The street.",
        prompt: "The street",
        assets: ["cafe", "look"],
      }),
    ],
  },
  {
    board: "coffee",
    say: "open with a wide of the street",
    change: [
      add(null, {
        id: "f7",
        beat: "b1",
        title: "The street",
        camera: "WS",
        duration: 3,
        action: "The street.",
        prompt: "The street",
        assets: ["cafe", "look"],
      }),
    ],
  },
  {
    board: "coffee",
    say: "add a shot",
    change: [add("end", { id: "f7", beat: "b3", title: "New shot", camera: "MS", duration: 3, assets: ["cafe", "look"] })],
    says: ["Added an empty shot 7 at the end", "tell me what it shows"],
  },
  {
    board: "coffee",
    say: "add a shot of Mia and Leo laughing at the end",
    change: [
      add("end", {
        id: "f7",
        beat: "b3",
        title: "Mia and Leo laughing",
        camera: "TWO-SHOT",
        duration: 3,
        action: "Mia and Leo laughing.",
        prompt: "Mia and Leo laughing",
        assets: ["mia", "cafe", "look"],
      }),
    ],
  },
  {
    board: "coffee",
    say: "add a shot after 2: Mia hands over the cup and make it a close-up",
    change: [
      add("f2", {
        id: "f7",
        beat: "b1",
        title: "Mia hands over the cup",
        camera: "CU",
        duration: 3,
        action: "Mia hands over the cup.",
        prompt: "Mia hands over the cup",
        assets: ["mia", "cafe", "cup", "look"],
      }),
    ],
  },
  {
    board: "coffee",
    say: "add a shot at the end: Mia saying 'See you tomorrow'",
    change: [
      add("end", {
        id: "f7",
        beat: "b3",
        title: "Mia",
        camera: "MS",
        duration: 3,
        action: "Mia.",
        prompt: "Mia",
        dialogue: "Mia: See you tomorrow",
        assets: ["mia", "cafe", "look"],
      }),
    ],
  },
  { board: "coffee", say: "add two shots at the end", notDone: ['"add two shots at the end": I add one described shot at a time'] },
  {
    board: "coffee",
    say: "add Mia's hands pouring milk as an insert after shot 2",
    change: [
      add("f2", {
        id: "f7",
        beat: "b1",
        title: "Mia's hands pouring milk",
        camera: "INSERT",
        duration: 3,
        action: "Mia's hands pouring milk.",
        prompt: "Mia's hands pouring milk",
        assets: ["mia", "cafe", "look"],
      }),
    ],
  },
  {
    board: "coffee",
    say: "add a shot after the opening shot: Mia unlocks the door",
    change: [
      add("f1", {
        id: "f7",
        beat: "b1",
        title: "Mia unlocks the door",
        camera: "MS",
        duration: 3,
        action: "Mia unlocks the door.",
        prompt: "Mia unlocks the door",
        assets: ["mia", "cafe", "look"],
      }),
    ],
  },
  {
    board: "coffee",
    say: "add a shot before the last shot: the street empties",
    change: [
      add("f5", {
        id: "f7",
        beat: "b3",
        title: "The street empties",
        camera: "WS",
        duration: 3,
        action: "The street empties.",
        prompt: "The street empties",
        assets: ["cafe", "look"],
      }),
    ],
  },
];
