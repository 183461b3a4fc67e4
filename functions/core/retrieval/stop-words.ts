/**
 * Words that carry no topic in a help question: function words and question words in English,
 * MSA and common dialects (already normalised: no hamza-alef, ة → ه, ى → ي). Matched before
 * stemming.
 */

export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  `a an the and or but if then so of to in on at by for from with about as into over under
  is are was were be been being am do does did doing done have has had having will would shall
  should can could may might must i me my mine myself we us our ours you your yours he him his
  she her hers it its they them their theirs this that these those there here what which who
  whom whose when where why how please pls plz tell know want wanna need like just also
  any some all very too really im ive id youre dont doesnt didnt cant cannot wont isnt arent
  havent hasnt hadnt wasnt werent shouldnt couldnt wouldnt aint theyre than
  whats hows wheres whos s t d ll re ve m u ur r ya thx thnx ty cuz coz bc abt gonna gotta hi hello hey thanks thank okay ok yes no not get got let lets would`
    .split(/\s+/)
    .filter(Boolean),
);

export const ARABIC_STOP_WORDS: ReadonlySet<string> = new Set(
  `في من الي علي لاي عن مع هل كيف ماذا لماذا متي اين ما ماهو ماهي هو هي هم هن انا انت انتم نحن
  هذا هذه ذلك تلك هناك هنا التي الذي الذين اللتي اللذي لي لك له لها لنا لهم بي بك به بها
  و او ثم ان اني انه انها قد لقد كان كانت يكون تكون كل بعض اي ايه اذا لو لا لم لن ليس غير
  عند عندي لدي لدينا يمكن يمكنني يمكنك ممكن استطيع اريد اود ارجو الرجاء من فضلك لو سمحت
  شو ايش وين ليش ليه كيفاش بدي بدك عشان علشان هيك مش مو انو انه يا مرحبا شكرا ما هو
  ابي ابغي ابغا ابا ودي عايز عاوز عايزه بغيت بغينا حاب نبغي بدنا وش شنو اش واش ايه فين فاين
  امتي ايمتي وقتاش ازاي شلون شحال قديش كام بكم الحين دلوقتي هلق هلا دابا توا مب موب اللي الي
  دي ده هاد هادا هيدا هذي هاي اسوي سويت يعني طيب لسه لسا كده كدا بس برضه برضو حق تبع بتاع
  علاش لواش منشان مشان عشان ياخي يااخي اخوي لو سمحت ممكن تقدر تقدرون اقدر نقدر قدر يا ريت يلي عم ضل لسا هيك
  كيفك شلونك ازيك انتو انتوا احنا حنا نحنا كم
  لما خالص ديال ديالي ديالك تاعي تاعك متاعي متاعك بتاعي بتاعتي بتاعك حقي حقتي حقك عافاك باغي باغيه
  كيفاه فيني بقدر نقدرو شي باش مازال مازالت لسه
  عارف عارفه عارفين اعرف نعرف بعرف تعرف
  برشا ياسر باهي شنوه شنيه فما راني راه راهي بصح درك دروك ماشي واخا فوقاش امتا كاين كاينه
  هاذ هاذي هادي ديما شويه علاه
  لل محتاج محتاجه مفيش فيه بقي طب حضرتك كتير شوي`
    .split(/\s+/)
    .filter(Boolean),
);
