-- Loads the user-facing setup (lua/gwlint.lua) the way a user's init.lua
-- would, opens a report and checks that Neovim receives the findings that
-- `gwlint check` reports. Run by run.sh, which passes (environment):
--   GWLINT_NEOVIM_DIR  editors/neovim     GWLINT_BIN       the gwlint binary
--   GWLINT_REPORT      the report          GWLINT_EXPECTED  `gwlint check --format json` of it
local function fail(message)
  io.stderr:write('neovim setup test: ' .. message .. '\n')
  vim.cmd('cquit 1')
end

vim.cmd('filetype on') -- -u NONE leaves detection off; a user's Neovim has it on.
vim.opt.runtimepath:append(vim.env.GWLINT_NEOVIM_DIR)
require('gwlint').setup({ cmd = { vim.env.GWLINT_BIN, 'lsp' } })

local expected = vim.fn.json_decode(table.concat(vim.fn.readfile(vim.env.GWLINT_EXPECTED), '\n')).files[1].findings
if #expected == 0 then
  fail('the report has no findings to compare')
end

vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.GWLINT_REPORT))
if vim.bo.filetype ~= 'text' then
  fail('filetype is "' .. vim.bo.filetype .. '", not text')
end
local arrived = vim.wait(30000, function()
  return #vim.diagnostic.get(0) >= #expected
end, 100)
local got = vim.diagnostic.get(0)
if not arrived then
  fail(string.format('%d diagnostics after 30 s, expected %d', #got, #expected))
end
vim.wait(500, function() return false end) -- late extras would show here
got = vim.diagnostic.get(0)
if #got ~= #expected then
  fail(string.format('%d diagnostics, expected %d', #got, #expected))
end
for _, f in ipairs(expected) do
  local found = false
  for _, d in ipairs(got) do
    if d.lnum == f.line - 1 and d.message == f.message and d.source == 'gwlint' then
      found = true
    end
  end
  if not found then
    fail(string.format('no diagnostic for %s at line %d: %s', f.rule, f.line, f.message))
  end
end
print(string.format('neovim setup: %d findings read back\n', #expected))
vim.cmd('qall!')
