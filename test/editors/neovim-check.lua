-- Run by test/editors/neovim.test.ts: `nvim --headless --clean -u NONE -c 'luafile neovim-check.lua'`.
-- Attaches foilint's stdio language server to a letter the way a Neovim user would (0.7 API:
-- vim.lsp.start_client), waits for diagnostics, asks for code actions on the first one, and writes
-- what arrived as JSON to $FOILINT_OUT.
local server = os.getenv('FOILINT_SERVER')
local letter = os.getenv('FOILINT_LETTER')
local out = os.getenv('FOILINT_OUT')
local result = { diagnostics = {}, actions = {}, attached = false }

local function finish()
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(letter))
  local buf = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'foilint',
    cmd = { 'node', server, '--stdio' },
    root_dir = vim.fn.fnamemodify(letter, ':h'),
  })
  result.attached = vim.lsp.buf_attach_client(buf, client_id)
  vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(result.diagnostics, { line = d.lnum + 1, source = d.source, code = lsp.code, message = d.message })
  end
  local first = vim.diagnostic.get(buf)[1]
  if first then
    -- Neovim 0.7 keeps only code and data in user_data.lsp: rebuild the LSP diagnostic's range.
    local lsp = vim.tbl_extend('force', first.user_data and first.user_data.lsp or {}, {
      range = {
        start = { line = first.lnum, character = first.col },
        ['end'] = { line = first.end_lnum or first.lnum, character = first.end_col or first.col },
      },
      message = first.message,
      severity = first.severity,
      source = first.source,
    })
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      range = lsp.range,
      context = { diagnostics = { lsp } },
    }
    local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000) or {}
    for _, response in pairs(responses) do
      for _, action in ipairs(response.result or {}) do
        table.insert(result.actions, { title = action.title, kind = action.kind, preferred = action.isPreferred })
      end
    end
  end
  vim.lsp.stop_client(client_id)
end)
if not ok then result.error = tostring(err) end
finish()
