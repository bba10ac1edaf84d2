-- Opens a report in headless Neovim (0.7+), attaches gwlint's language server
-- and writes the diagnostics Neovim received to a file, one per line:
--   lnum:col:end_lnum:end_col<TAB>code<TAB>message
-- (0-based lines, byte columns, as Neovim keeps them). The first line says
-- "ok" or "timeout". Inputs come from the environment:
--   GWLINT_BIN (the gwlint binary), GWLINT_FILE (the report), GWLINT_OUT.

local bin = assert(os.getenv("GWLINT_BIN"), "GWLINT_BIN")
local file = assert(os.getenv("GWLINT_FILE"), "GWLINT_FILE")
local out = assert(os.getenv("GWLINT_OUT"), "GWLINT_OUT")

vim.cmd("filetype on")
vim.cmd("edit " .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()

local client_id = vim.lsp.start_client({
  name = "gwlint",
  cmd = { bin, "lsp" },
  root_dir = vim.fn.fnamemodify(file, ":p:h"),
})
vim.lsp.buf_attach_client(buf, client_id)

local received = vim.wait(60000, function()
  return #vim.diagnostic.get(buf) > 0
end, 50)

local lines = { received and "ok" or "timeout" }
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(lines, string.format("%d:%d:%d:%d\t%s\t%s", d.lnum, d.col, d.end_lnum, d.end_col, tostring(d.code), d.message))
end
local f = assert(io.open(out, "w"))
f:write(table.concat(lines, "\n"), "\n")
f:close()

vim.lsp.stop_client(client_id)
vim.cmd("qall!")
