-- A conversion group written by hand in the form of Chinese Wikipedia's
-- Module:CGroup pages, for termloc's tests: it uses every construct termloc's
-- reader knows. Names from the article 朝鲜—俄罗斯关系 and its CGroups.
--[[ A long comment, over lines,
     with 'quotes', "more quotes" and { braces } = that are not Lua. ]]
local Item = require('Module:CGroup/core').Item;

local function Item(o, r)
	return { type = 'item', original = o, rule = r };
end

return {
	name = 'termloc sample',
	description = "People, places and terms of the DPRK–Russia article.",
	content = {
		{ type = 'text', text = [[
== People ==
]] },
		{ type = 'item', original = 'Stalin', rule = 'zh-cn:斯大林; zh-hk:史太林; zh-tw:史達林;' },
		Item('Khrushchev', 'zh-hans:赫鲁晓夫; zh-tw:赫魯雪夫; zh-hk:赫魯曉夫;'),
		Item('[[Vladimir Putin|Putin]]', 'zh:普京; zh-cn:普京; zh-tw:普丁; zh-hk:普京;'),
		{ type = 'item', original = '김정은', rule = 'zh-hans:金正恩;zh-hant:金正恩;' },
		{ type = "item", original = "Луганск", rule = "zh-cn:卢甘斯克; zh-tw:盧甘斯克; zh-hk:盧甘斯克;" },
		{ type = 'text', text = '== Places and states ==' },
		{ type = 'item', original = nil, rule = '朝鲜=>zh-tw:北韓; 朝鲜=>zh-hk:北韓; 朝鲜=>zh-mo:北韓;' },
		Item('Kursk', 'zh-cn:库尔斯克;zh-tw:庫斯克;zh-hk:庫爾斯克;'),  -- Taiwan drops the 爾
		{ type = 'text', text = '== Terms ==' },
		Item('bitrate', '码率=>zh-tw:位元率; 碼率=>zh-tw:位元率; 码率=>zh-hk:位元率; 碼率=>zh-hk:位元率;'),
		Item('series', '影集=>zh-hk:片集;影集=>zh-mo:片集;影集=>zh-cn:剧集;zh-hant:電影集團;zh-hans:电影集团;'),
		Item('nuclear test', 'zh-cn:核试验; zh-tw:核子試驗; zh-hk:核試;'),
		Item([==[drone]==], 'zh-cn:无人机; ' .. 'zh-tw:無人機;'),
		{ type = 'item', original = 'Boys on the Side', rule = 'zh-hk:咖啡、茶&Tequila ;zh-cn:潇洒有情天;zh-tw:瀟灑有情天;' },
		Item('Dr. \'Q\'\tescaped', 'zh-cn:\u{6D4B}试; zh-tw:\230\184\172試;'),
	},
}
