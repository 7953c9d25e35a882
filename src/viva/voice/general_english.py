"""Everyday English for the answer language model, so speech that is not about the bank
(an off-topic answer, small talk, "I don't know") is not forced into domain words.

Written for this purpose (no outside corpus); the recogniser also gets the default model's
most frequent words as unigrams (``lm.general_words``), which covers the vocabulary, while
these sentences give it the common word orders of spoken English.
"""

SENTENCES = """
i don't know
i am not sure about this one
i think it is something like that
let me think about it for a second
honestly i have never used it
i forgot the answer
can you give me a hint
i had a long day at work today
we went to the market in the morning and bought some vegetables
my brother lives in another city with his family
the weather was very hot yesterday so we stayed at home
i like to play cricket with my friends on the weekend
she cooked rice and chicken for dinner
the train was late by two hours because of the rain
i watched a movie last night and it was really good
my mother called me in the evening
we are planning a trip to the mountains next month
the shop closes at nine in the night
i usually drink tea in the morning and coffee after lunch
there was a lot of traffic on the road today
my phone battery died in the middle of the call
i need to buy a new pair of shoes
the children were playing in the park near our house
i read a book about history during the holidays
he works at a bank in the city centre
we ate pizza and ice cream at the birthday party
the doctor told me to sleep more and walk every day
my favourite food is biryani with raita
i will call you back after the meeting
the flight to delhi was cancelled so we took a bus
it is raining heavily so please carry an umbrella
i have two sisters and one brother
our neighbour has a big dog that barks all night
i go to the gym three times a week
the teacher gave us a lot of homework
we celebrated the festival with sweets and lights
i lost my keys somewhere in the house
my friend is getting married next year
the food at that restaurant was too spicy for me
i want to learn to swim this summer
the river near my village is very beautiful
i was born in a small town in the south
we watched the match on television with the whole family
he bought a new car last week
i like music especially old songs
the price of onions went up again
please close the window it is getting cold
my grandfather tells us stories about his childhood
i prefer travelling by train because it is comfortable
the power went off for three hours in the afternoon
we planted some flowers in the garden
it takes me one hour to reach the office
i am feeling a little tired today
the movie was long but the songs were nice
my sister is studying medicine in college
let us meet at the coffee shop at five
i forgot to bring my lunch today
the cat is sleeping on the sofa
we need to clean the house before the guests arrive
he is the best player in our team
yes that is right
no that is not what i meant
sorry i was talking to someone else
that sounds good to me
thank you so much for your help
could you say that once more
good morning how are you
i am fine thank you
what time is it now
where is the nearest station
""".strip().splitlines()
