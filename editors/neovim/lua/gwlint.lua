-- gwlint 公文检查：Neovim 0.7+ 的 LSP 设置（不需要插件）。
--
-- 用法：把 editors/neovim 加入 runtimepath（或把 lua/gwlint.lua 复制到 ~/.config/nvim/lua/），
-- 然后在 init.lua 中写：
--
--   require('gwlint').setup()
--
-- 或带上设置（键与 gwlint.toml 相同）：
--
--   require('gwlint').setup({
--     cmd = { '/path/to/gwlint', 'lsp' },
--     settings = { disable = { 'phrase.etc' }, profile = 'local' },
--   })
local M = {}

local defaults = {
  -- 启动检查服务的命令。
  cmd = { 'gwlint', 'lsp' },
  -- 检查哪些文件类型：纯文本（.txt）与 Markdown。
  filetypes = { 'text', 'markdown' },
  -- 传给 gwlint 的设置：builtin、rules、profile、disable、severity、allow、debounceMs。
  settings = {},
}

-- One server per folder that holds gwlint.toml (or per report folder), so
-- that reports under different gwlint.toml files get their own rules.
local clients = {}
local warned = false

local function root_of(bufnr)
  local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':p:h')
  local config = vim.fn.findfile('gwlint.toml', dir .. ';')
  if config ~= '' then
    return vim.fn.fnamemodify(config, ':p:h')
  end
  return dir
end

local function start(root, config)
  if vim.fn.executable(config.cmd[1]) == 0 then
    if not warned then
      warned = true
      vim.notify(
        '找不到 gwlint 程序“' .. config.cmd[1] .. '”，公文检查无法运行。'
          .. '请在 gwlint 源代码目录运行 cargo build --release -p gwlint，'
          .. '然后把 target/release/gwlint 放到 PATH 中，或在 setup({ cmd = { 完整路径, "lsp" } }) 中写明。',
        vim.log.levels.ERROR
      )
    end
    return nil
  end
  -- An empty Lua table would go out as a JSON array; the server wants an object.
  local settings = next(config.settings) == nil and vim.empty_dict() or config.settings
  return vim.lsp.start_client({
    name = 'gwlint',
    cmd = config.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    init_options = { gwlint = settings },
    -- Sent again after start-up (workspace/didChangeConfiguration).
    settings = { gwlint = settings },
  })
end

--- Checks buffer `bufnr` with gwlint (used by the FileType autocommand).
function M.attach(bufnr, config)
  config = config or M.config or defaults
  if vim.api.nvim_buf_get_option(bufnr, 'buftype') ~= '' or vim.api.nvim_buf_get_name(bufnr) == '' then
    return
  end
  local root = root_of(bufnr)
  local id = clients[root]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or client.is_stopped() then
    id = start(root, config)
    if not id then
      return
    end
    clients[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', defaults, opts or {})
  local group = vim.api.nvim_create_augroup('gwlint', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.config.filetypes,
    callback = function(args)
      M.attach(args.buf, M.config)
    end,
  })
end

return M
