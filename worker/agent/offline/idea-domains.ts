// The places an idea can be about (coffee shop, bakery, bike shop, …) and
// the general story shape for the rest: who works there, what they do, how
// it sounds and what they say, for the shot templates (idea-shots.ts).

export interface Domain {
  match: RegExp;
  place: string;
  role: string;
  name: string;
  look: string;
  prop: { name: string; description: string; prompt: string };
  work: string;
  ritual: string;
  detail: string;
  customer: string;
  arrival: string;
  taste: string;
  tasteAction: string;
  ambient: string;
  workSound: string;
  room: string;
  greet: string;
  line: { night: string; day: string };
}

export const DOMAINS: Domain[] = [
  {
    match: /\b(?:coffee|caf[eé]s?|espresso|latte|barista|roaster[sy]?)\b/i,
    place: "coffee shop",
    role: "barista",
    name: "Mia",
    look: "woman in her 30s, green canvas apron, rolled sleeves, short dark hair",
    prop: { name: "The cup", description: "the house cup regulars ask for", prompt: "hand-thrown blue ceramic cup with a chipped rim" },
    work: "steams milk behind the counter, unhurried",
    ritual: "an espresso shot pours, crema swirling into the blue cup",
    detail: "the chipped blue cup slides across the counter",
    customer: "a regular",
    arrival: "steps in out of the rain, shaking off an umbrella",
    taste: "the first sip",
    tasteAction: "takes the first sip; their shoulders drop",
    ambient: "rain on the glass, a distant tram",
    workSound: "espresso machine hiss, milk steaming",
    room: "low chatter, a spoon against porcelain",
    greet: "Evening. The usual?",
    line: { night: "Come in. We're open late.", day: "Come in. It's on." },
  },
  {
    match: /\b(?:bak(?:e|ery|eries|er|ers|ing)|bread|pastr(?:y|ies)|croissants?|patisserie|sourdough|boulangerie)\b/i,
    place: "bakery",
    role: "baker",
    name: "Sam",
    look: "man in his 40s, flour-dusted apron, forearms white with flour",
    prop: { name: "The loaf", description: "the sourdough everyone queues for", prompt: "round sourdough loaf with a deep golden ear" },
    work: "shapes dough on a floured bench",
    ritual: "dough folded over and over, flour rising in the light",
    detail: "a knife crackles through the crust",
    customer: "the first customer",
    arrival: "pushes the door open as the bell rings",
    taste: "the first bite",
    tasteAction: "tears off the heel and takes the first bite",
    ambient: "an empty street, birds, a delivery van idling",
    workSound: "oven door, the crackle of cooling crusts",
    room: "a small queue, paper bags rustling",
    greet: "Morning! Still warm.",
    line: { night: "Baked through the night. Yours by dawn.", day: "Baked this morning. Gone by noon." },
  },
  {
    match: /\b(?:bike|bikes|bicycles?|cycl(?:e|es|ing|ist|ists)|mtb)\b/i,
    place: "bike shop",
    role: "mechanic",
    name: "Leo",
    look: "man in his 20s, oil-stained work apron, rolled beanie",
    prop: { name: "The bike", description: "the steel bike on the stand", prompt: "steel-framed green road bike with tan-wall tyres" },
    work: "tightens a bolt on the stand, whistling",
    ritual: "a wheel spins true on the stand, spokes ticking",
    detail: "a chain drops onto the sprocket with a click",
    customer: "a commuter",
    arrival: "wheels in a bike with a buckled wheel",
    taste: "the first ride",
    tasteAction: "rolls out onto the street and grins",
    ambient: "city traffic, a bell in the distance",
    workSound: "freewheel ticking, a ratchet",
    room: "tools on pegboard, a radio low",
    greet: "Let's have a look at her.",
    line: { night: "Fixed tonight. Riding tomorrow.", day: "Fixed today. Riding today." },
  },
  {
    match: /\b(?:book(?:shop|store|seller)s?|books|library|libraries)\b/i,
    place: "bookshop",
    role: "bookseller",
    name: "Noor",
    look: "woman in her 50s, cardigan, reading glasses on a chain",
    prop: { name: "The book", description: "the book she keeps recommending", prompt: "worn clothbound novel with a red ribbon marker" },
    work: "shelves new arrivals, reading the first lines of each",
    ritual: "a paper bag folded around a book, tied with string",
    detail: "a handwritten shelf note: 'You'll love this one'",
    customer: "a browser",
    arrival: "drifts in, shaking off the cold",
    taste: "the first page",
    tasteAction: "opens the book and is gone for a moment",
    ambient: "a quiet street, a door chime",
    workSound: "pages turning, a stamp on paper",
    room: "soft rain, the creak of floorboards",
    greet: "Looking for anything in particular?",
    line: { night: "Open late. Stay a chapter.", day: "Come in. Stay a chapter." },
  },
  {
    match: /\b(?:flowers?|florists?|bouquets?|plant\s+shop|plants)\b/i,
    place: "flower shop",
    role: "florist",
    name: "Ana",
    look: "woman in her 30s, linen apron, flowers tucked behind one ear",
    prop: { name: "The bouquet", description: "the bouquet of the day", prompt: "loose bouquet of peonies and eucalyptus tied with twine" },
    work: "trims stems at the bench",
    ritual: "stems gathered and tied with twine in one practised turn",
    detail: "a drop of water rolls off a petal",
    customer: "a nervous young man",
    arrival: "hovers at the door, then steps in",
    taste: "the first look",
    tasteAction: "sees the bouquet and breaks into a smile",
    ambient: "street sounds, a bicycle bell",
    workSound: "scissors snipping, paper rustling",
    room: "buckets of water, soft music",
    greet: "Who are they for?",
    line: { night: "Open late for the last-minute romantics.", day: "Say it with something alive." },
  },
  {
    match: /\b(?:restaurants?|kitchens?|chefs?|diners?|bistros?|ramen|pizz(?:a|eria)|noodles?|tacos?|food\s+trucks?|burgers?|trattoria)\b/i,
    place: "restaurant",
    role: "chef",
    name: "Marco",
    look: "man in his 40s, white chef's jacket, sleeves pushed up, tattooed forearms",
    prop: { name: "The plate", description: "the signature dish", prompt: "the signature dish on a matte black plate, steam rising" },
    work: "works the pass, calling orders",
    ritual: "a pan flares; the dish is plated with tweezers, a last drop of oil",
    detail: "a ticket is spiked on the rail",
    customer: "a couple",
    arrival: "are shown to the last free table",
    taste: "the first bite",
    tasteAction: "take the first bite and look at each other",
    ambient: "a busy street, laughter spilling out",
    workSound: "sizzling pans, the ticket printer",
    room: "clinking glasses, a full room",
    greet: "Two? Right this way.",
    line: { night: "Kitchen's open till midnight.", day: "Lunch is on. Pull up a chair." },
  },
  {
    match: /\b(?:bars?|cocktails?|pubs?|brewer(?:y|ies)|wine\s+bars?|taprooms?|speakeasy)\b/i,
    place: "bar",
    role: "bartender",
    name: "Jo",
    look: "person in their 30s, black shirt, sleeve garters, silver rings",
    prop: { name: "The glass", description: "the house cocktail glass", prompt: "etched coupe glass with a twist of orange" },
    work: "polishes a glass under the pendant lights",
    ritual: "a cocktail stirred over clear ice, then strained in one smooth pour",
    detail: "an orange peel is twisted over the glass; the oils mist",
    customer: "a stranger",
    arrival: "takes the last stool at the bar",
    taste: "the first sip",
    tasteAction: "takes the first sip and raises an eyebrow",
    ambient: "a wet street, neon buzzing",
    workSound: "ice in a mixing glass, a bar spoon",
    room: "low jazz, murmured conversation",
    greet: "What are we drinking?",
    line: { night: "Last orders are a long way off.", day: "The first round's on the house." },
  },
  {
    match: /\b(?:gyms?|fitness|yoga|boxing|climbing|pilates|run(?:ning)?\s+club|crossfit|workout)\b/i,
    place: "gym",
    role: "coach",
    name: "Dev",
    look: "man in his 30s, grey training top, whistle round his neck",
    prop: { name: "The gloves", description: "the coach's old gloves", prompt: "worn red boxing gloves hanging on a hook" },
    work: "sets up the floor before the class",
    ritual: "hands taped in quick, tight turns",
    detail: "chalk dust drifts in a shaft of light",
    customer: "a first-timer",
    arrival: "hesitates at the door in brand-new trainers",
    taste: "the first round",
    tasteAction: "lands a clean punch on the pads and laughs",
    ambient: "early traffic, a shutter rolling up",
    workSound: "a skipping rope whipping, a bell",
    room: "music thumping, breath and footsteps",
    greet: "First time? You're in the right place.",
    line: { night: "Open till late. No excuses.", day: "Your first class is on us." },
  },
];

/** The shape of any other story: a person, a world, a change, a moment, an ending. */
export const GENERIC: Omit<Domain, "match" | "place" | "name"> = {
  role: "lead",
  look: "person in their 30s, everyday clothes, a face that gives a lot away",
  prop: { name: "The keepsake", description: "the object the story turns on", prompt: "small worn keepsake that catches the light" },
  work: "goes about an ordinary day, something on their mind",
  ritual: "their hands turn the keepsake over and over",
  detail: "the keepsake in close-up, every scratch telling",
  customer: "a stranger",
  arrival: "appears at the edge of the frame",
  taste: "the moment",
  tasteAction: "meets their eyes; something shifts",
  ambient: "wind, distant voices",
  workSound: "footsteps, a clock",
  room: "the world going on around them",
  greet: "Have we met?",
  line: { night: "Some nights change everything.", day: "Some days change everything." },
};

export const ROLE_WORDS =
  "barista|baker|mechanic|bookseller|florist|chef|cook|bartender|coach|trainer|barber|owner|host|hero|heroine|lead|manager|founder|character|girl|boy|woman|man|dog|cat|kid|friend";
export const NAMES = ["Alex", "Sam", "Noor", "Jo", "Ana", "Leo", "Mia", "Eli", "Ravi", "Ines"];
